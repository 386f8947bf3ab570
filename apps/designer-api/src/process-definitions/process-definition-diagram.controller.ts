import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  camundaTenantId,
  CurrentCaller,
  notFound,
  ProcessDefinitionQueryService,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { DeploymentQueryService } from '../deployments/deployment-query.service.js';
import { DefinitionStatisticsService, type ActivityStatistics } from './definition-statistics.service.js';

/** The answer of `GET /api/process-definition/{id}/diagram`: one document for a bpmn-js viewer. */
export interface ProcessDefinitionDiagram {
  id: string;
  key: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  tenantId: string | null;
  suspended: boolean;
  /** The model as deployed, with its diagram information (BPMNDI): `viewer.importXML(bpmn20Xml)`. */
  bpmn20Xml: string;
  /** What runs now, per activity with anything running, failed or in an incident (ids are the model's element ids). */
  activities: ActivityStatistics[];
  /** Running instances of this version, open incidents and jobs whose retries ran out, in total. */
  totals: { instances: number; incidents: number; failedJobs: number };
}

/**
 * A definition for people: its model with diagram and what runs where, so a viewer can draw the model and put
 * counts (overlays) on the activities — one request instead of Camunda's xml + statistics pair.
 */
@RequiresRole('process-owner')
@Controller('api/process-definition')
export class ProcessDefinitionDiagramController {
  constructor(
    private readonly definitions: ProcessDefinitionQueryService,
    private readonly deployments: DeploymentQueryService,
    private readonly statistics: DefinitionStatisticsService,
  ) {}

  @Get(':id/diagram')
  async diagram(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<ProcessDefinitionDiagram> {
    const tenantIds = readableTenants(caller, query, 'includeProcessDefinitionsWithoutTenantId');
    const definition = await this.definitions.byId(id, tenantIds);
    if (!definition) throw notFound(`No matching definition with id ${id}`);
    const xml = await this.deployments.modelTextOf(definition, 'BPMN resource for process definition');
    const options = { failedJobs: true, incidents: true };
    const activities = await this.statistics.byActivity(definition.tenantId, definition.id, options);
    const totals = (await this.statistics.byDefinition([definition.tenantId], [definition.id], options)).get(
      definition.id,
    );
    return {
      id: definition.id,
      key: definition.key,
      version: definition.version,
      name: definition.name,
      versionTag: definition.versionTag,
      tenantId: camundaTenantId(definition.tenantId),
      suspended: definition.suspended,
      bpmn20Xml: xml,
      activities,
      totals: {
        instances: totals?.instances ?? 0,
        incidents: (totals?.incidents ?? []).reduce((sum, count) => sum + count.incidentCount, 0),
        failedJobs: totals?.failedJobs ?? 0,
      },
    };
  }
}

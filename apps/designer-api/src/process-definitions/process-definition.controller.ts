import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  booleanParameter,
  camundaProcessDefinitionOf,
  CurrentCaller,
  invalidRequest,
  notFound,
  processDefinitionQueryOf,
  ProcessDefinitionQueryService,
  readableTenants,
  RequiresRole,
  textParameter,
  writableTenant,
  type Caller,
  type LinkableRequest,
  type ProcessDefinitionView,
  type QueryParameters,
} from '#camunda-rest';
import { DeploymentQueryService } from '../deployments/deployment-query.service.js';
import {
  PROCESS_INSTANCE_CONTROL,
  type ProcessInstanceControl,
} from '../process-instances/process-instance-control.js';
import { DefinitionRemovalService } from './definition-removal.service.js';
import { DefinitionStatisticsService, type StatisticsOptions } from './definition-statistics.service.js';
import { suspensionRequestOf } from './suspension-request.js';

/**
 * Camunda's process definitions for process owners: the list (the engine's query, shared through `#camunda-rest`)
 * and its count, statistics, one by id with its BPMN XML and per-activity statistics, suspending (now or at a
 * scheduled time), deleting — and
 * the start by id Camunda Modeler's "deploy and start" posts to the base URL it deployed to.
 */
@RequiresRole('process-owner')
@Controller('engine-rest/process-definition')
export class ProcessDefinitionController {
  constructor(
    private readonly definitions: ProcessDefinitionQueryService,
    private readonly deployments: DeploymentQueryService,
    private readonly statistics: DefinitionStatisticsService,
    private readonly removal: DefinitionRemovalService,
    @Inject(PROCESS_INSTANCE_CONTROL) private readonly instances: ProcessInstanceControl,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const found = await this.definitions.find(processDefinitionQueryOf(query, this.tenantsOf(caller, query)));
    return found.map(camundaProcessDefinitionOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return {
      count: await this.definitions.count(processDefinitionQueryOf(query, this.tenantsOf(caller, query))),
    };
  }

  /** Camunda's `ProcessDefinitionStatisticsResultDto` for every definition the caller may see. */
  @Get('statistics')
  async allStatistics(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const options = statisticsOptionsOf(query);
    const tenantIds = this.tenantsOf(caller, query);
    const definitions = await this.definitions.find({ tenantIds, offset: 0, limit: null });
    const counts = await this.statistics.byDefinition(
      tenantIds,
      definitions.map((definition) => definition.id),
      options,
    );
    return definitions.map((definition) => ({
      '@class': 'org.camunda.bpm.engine.rest.dto.repository.ProcessDefinitionStatisticsResultDto',
      id: definition.id,
      ...counts.get(definition.id),
      definition: camundaProcessDefinitionOf(definition),
    }));
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    return camundaProcessDefinitionOf(await this.definition(id, query, caller));
  }

  /** Camunda's `ProcessDefinitionDiagramDto`: the BPMN document the definition was deployed with. */
  @Get(':id/xml')
  async xml(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<{ id: string; bpmn20Xml: string }> {
    const definition = await this.definition(id, query, caller);
    const xml = await this.deployments.modelTextOf(definition, 'BPMN resource for process definition');
    return { id: definition.id, bpmn20Xml: xml };
  }

  /** Camunda's `ActivityStatisticsResultDto` per activity with something running, failed or in an incident. */
  @Get(':id/statistics')
  async activityStatistics(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const options = statisticsOptionsOf(query);
    const definition = await this.definition(id, query, caller);
    const activities = await this.statistics.byActivity(definition.tenantId, definition.id, options);
    return activities.map((activity) => ({
      '@class': 'org.camunda.bpm.engine.rest.dto.repository.ActivityStatisticsResultDto',
      ...activity,
    }));
  }

  /**
   * `{"suspended": true, "includeProcessInstances": true}` suspends the definition (it starts no instances) and its
   * running instances; `false` activates. With an `executionDate` in the future the change is a job due then (the
   * engine's `GET /job` shows it); a past one, or none, changes it at once.
   */
  @Put(':id/suspended')
  @HttpCode(204)
  async suspend(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const { executionDate, ...change } = suspensionRequestOf(body);
    const definition = await this.definition(id, query, caller);
    const tenantId = writableTenant(caller, definition.tenantId, 'tenantIdIn');
    const target = { definitionId: definition.id };
    if (!(await this.instances.suspendDefinitions(tenantId, target, change, executionDate))) {
      throw notFound(`No matching definition with id ${id}`);
    }
  }

  /** As `PUT /{id}/suspended`, for every version of the key (of the caller's tenant). */
  @Put('key/:key/suspended')
  @HttpCode(204)
  async suspendByKey(
    @Param('key') key: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const { executionDate, ...change } = suspensionRequestOf(body);
    const latest = await this.definitions.latestOf(key, this.tenantsOf(caller, query));
    if (!latest) throw notFound(`No matching process definition with key: ${key}`);
    const tenantId = writableTenant(caller, latest.tenantId, 'tenantIdIn');
    const target = { definitionKey: key };
    if (!(await this.instances.suspendDefinitions(tenantId, target, change, executionDate))) {
      throw notFound(`No matching process definition with key: ${key}`);
    }
  }

  /**
   * Deletes the definition. Refused while its instances run; `cascade=true` cancels them first.
   * `skipCustomListeners` and `skipIoMappings` are accepted and change nothing.
   */
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const cascade = booleanParameter(query, 'cascade') === true;
    booleanParameter(query, 'skipCustomListeners');
    booleanParameter(query, 'skipIoMappings');
    const definition = await this.definition(id, query, caller);
    const tenantId = writableTenant(caller, definition.tenantId, 'tenantIdIn');
    if (!(await this.removal.remove(tenantId, { processDefinitionId: definition.id }, cascade))) {
      throw notFound(`No matching definition with id ${id}`);
    }
  }

  /**
   * Camunda Modeler's "deploy and start" posts the start here, to the base URL it deployed to: the start is the
   * engine's own (its runtime, its checks, its answer). The definition's tenant is the caller's; without
   * authentication, the definition's own (an id names one definition of one tenant).
   */
  @Post(':id/start')
  @HttpCode(200)
  @RequiresRole('process-starter')
  async start(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: LinkableRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    const ownTenant = caller.tenantId ?? (await this.definitions.tenantOf(id));
    const definition = ownTenant === undefined ? undefined : await this.definitions.byId(id, [ownTenant]);
    if (!definition) throw notFound(`No matching definition with id ${id}`);
    return this.instances.startById(
      writableTenant(caller, definition.tenantId, 'tenant-id'),
      definition.id,
      body,
      request,
    );
  }

  private async definition(
    id: string,
    query: QueryParameters,
    caller: Caller,
  ): Promise<ProcessDefinitionView> {
    const definition = await this.definitions.byId(id, this.tenantsOf(caller, query));
    if (!definition) throw notFound(`No matching definition with id ${id}`);
    return definition;
  }

  private tenantsOf(caller: Caller, query: QueryParameters): string[] {
    return readableTenants(caller, query, 'includeProcessDefinitionsWithoutTenantId');
  }
}

/**
 * Camunda's statistics flags: `failedJobs=true` counts jobs whose retries ran out, `incidents=true` counts
 * incidents by type, `incidentsForType=<type>` only those of one type (not both).
 */
export function statisticsOptionsOf(query: QueryParameters): StatisticsOptions {
  // Every incident here is its own root incident, so Camunda's rootIncidents counts the same as incidents.
  const incidents =
    booleanParameter(query, 'incidents') === true || booleanParameter(query, 'rootIncidents') === true;
  const incidentsForType = textParameter(query, 'incidentsForType');
  if (incidents && incidentsForType !== undefined) {
    throw invalidRequest(
      "Only one of the query parameters 'incidents' and 'incidentsForType' can be set: give one of them",
    );
  }
  return {
    failedJobs: booleanParameter(query, 'failedJobs') === true,
    incidents,
    ...(incidentsForType !== undefined ? { incidentsForType } : {}),
  };
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  CurrentCaller,
  notFound,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { DeploymentQueryService } from '../deployments/deployment-query.service.js';
import { camundaDecisionDefinitionOf } from './camunda-decision-definition.js';
import {
  decisionDefinitionQueryOf,
  DecisionDefinitionQueryService,
} from './decision-definition-query.service.js';

/** Camunda's decision definitions for process owners: the list and its count, one by id, and its DMN XML. */
@RequiresRole('process-owner')
@Controller('engine-rest/decision-definition')
export class DecisionDefinitionController {
  constructor(
    private readonly definitions: DecisionDefinitionQueryService,
    private readonly deployments: DeploymentQueryService,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const found = await this.definitions.find(
      decisionDefinitionQueryOf(query, this.tenantsOf(caller, query)),
    );
    return found.map(camundaDecisionDefinitionOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return {
      count: await this.definitions.count(decisionDefinitionQueryOf(query, this.tenantsOf(caller, query))),
    };
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    return camundaDecisionDefinitionOf(await this.definition(id, query, caller));
  }

  /** Camunda's `DecisionDefinitionDiagramDto`: the DMN document the decision was deployed with. */
  @Get(':id/xml')
  async xml(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<{ id: string; dmnXml: string }> {
    const definition = await this.definition(id, query, caller);
    const xml = await this.deployments.modelTextOf(definition, 'DMN resource for decision definition');
    return { id: definition.id, dmnXml: xml };
  }

  private async definition(id: string, query: QueryParameters, caller: Caller) {
    const definition = await this.definitions.byId(id, this.tenantsOf(caller, query));
    if (!definition) throw notFound(`No matching decision definition with id ${id}`);
    return definition;
  }

  private tenantsOf(caller: Caller, query: QueryParameters): string[] {
    return readableTenants(caller, query, 'includeDecisionDefinitionsWithoutTenantId');
  }
}

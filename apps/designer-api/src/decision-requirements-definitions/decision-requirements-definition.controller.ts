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
import {
  camundaDecisionRequirementsDefinitionOf,
  type DecisionRequirementsDefinitionView,
} from './camunda-decision-requirements-definition.js';
import {
  decisionRequirementsDefinitionQueryOf,
  DecisionRequirementsDefinitionQueryService,
} from './decision-requirements-definition-query.service.js';

/**
 * Camunda's decision requirements definitions for process owners — a DMN document with more than one decision —:
 * the list and its count, one by id or by key (its latest version), and its DMN XML.
 */
@RequiresRole('process-owner')
@Controller('engine-rest/decision-requirements-definition')
export class DecisionRequirementsDefinitionController {
  constructor(
    private readonly definitions: DecisionRequirementsDefinitionQueryService,
    private readonly deployments: DeploymentQueryService,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const found = await this.definitions.find(
      decisionRequirementsDefinitionQueryOf(query, this.tenantsOf(caller, query)),
    );
    return found.map(camundaDecisionRequirementsDefinitionOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    const filters = decisionRequirementsDefinitionQueryOf(query, this.tenantsOf(caller, query));
    return { count: await this.definitions.count(filters) };
  }

  /** The latest version of the key, of the tenants the caller may see. */
  @Get('key/:key')
  async byKey(
    @Param('key') key: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    return camundaDecisionRequirementsDefinitionOf(await this.latest(key, query, caller));
  }

  /** Camunda's `DecisionRequirementsDefinitionXmlDto` of the key's latest version. */
  @Get('key/:key/xml')
  async xmlByKey(
    @Param('key') key: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<{ id: string; dmnXml: string }> {
    return this.xmlOf(await this.latest(key, query, caller));
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    return camundaDecisionRequirementsDefinitionOf(await this.definition(id, query, caller));
  }

  /** Camunda's `DecisionRequirementsDefinitionXmlDto`: the DMN document the DRD was deployed as. */
  @Get(':id/xml')
  async xml(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<{ id: string; dmnXml: string }> {
    return this.xmlOf(await this.definition(id, query, caller));
  }

  private async xmlOf(
    definition: DecisionRequirementsDefinitionView,
  ): Promise<{ id: string; dmnXml: string }> {
    const xml = await this.deployments.modelTextOf(
      definition,
      'DMN resource for decision requirements definition',
    );
    return { id: definition.id, dmnXml: xml };
  }

  private async definition(
    id: string,
    query: QueryParameters,
    caller: Caller,
  ): Promise<DecisionRequirementsDefinitionView> {
    const definition = await this.definitions.byId(id, this.tenantsOf(caller, query));
    if (!definition) throw notFound(`No matching decision requirements definition with id ${id}`);
    return definition;
  }

  private async latest(
    key: string,
    query: QueryParameters,
    caller: Caller,
  ): Promise<DecisionRequirementsDefinitionView> {
    const definition = await this.definitions.latestOf(key, this.tenantsOf(caller, query));
    if (!definition) throw notFound(`No matching decision requirements definition with key ${key}`);
    return definition;
  }

  private tenantsOf(caller: Caller, query: QueryParameters): string[] {
    return readableTenants(caller, query, 'includeDecisionRequirementsDefinitionsWithoutTenantId');
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import {
  camundaProcessDefinitionOf,
  CurrentCaller,
  processDefinitionQueryOf,
  ProcessDefinitionQueryService,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';

/**
 * `GET /process-definition?key=&latestVersion=&tenantIdIn=…` — a list of Camunda process definitions, for process
 * owners; the same query as the engine's (both read it from `#camunda-rest`).
 */
@RequiresRole('process-owner')
@Controller('engine-rest/process-definition')
export class ProcessDefinitionController {
  constructor(private readonly definitions: ProcessDefinitionQueryService) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const tenantIds = readableTenants(caller, query, 'includeProcessDefinitionsWithoutTenantId');
    const found = await this.definitions.find(processDefinitionQueryOf(query, tenantIds));
    return found.map(camundaProcessDefinitionOf);
  }
}

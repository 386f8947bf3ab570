import { Controller, Get, Query } from '@nestjs/common';
import {
  booleanParameter,
  pagingParameters,
  readableTenants,
  RequiresRole,
  CurrentCaller,
  type Caller,
  textParameter,
  type QueryParameters,
} from '#camunda-rest';
import { camundaProcessDefinitionOf } from './camunda-process-definition.js';
import { ProcessDefinitionQueryService } from './process-definition-query.service.js';

/** `GET /process-definition?key=&latestVersion=&tenantIdIn=` — a list of Camunda process definitions. */
@RequiresRole('process-owner')
@Controller('engine-rest/process-definition')
export class ProcessDefinitionController {
  constructor(private readonly definitions: ProcessDefinitionQueryService) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const id = textParameter(query, 'processDefinitionId');
    const key = textParameter(query, 'key');
    const latestVersion = booleanParameter(query, 'latestVersion');
    const found = await this.definitions.find({
      tenantIds: readableTenants(caller, query, 'includeProcessDefinitionsWithoutTenantId'),
      ...(id !== undefined ? { id } : {}),
      ...(key !== undefined ? { key } : {}),
      ...(latestVersion !== undefined ? { latestVersion } : {}),
      ...pagingParameters(query),
    });
    return found.map(camundaProcessDefinitionOf);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import {
  CurrentCaller,
  pagingParameters,
  readableTenants,
  RequiresRole,
  textParameter,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { IncidentQueryService } from './incident-query.service.js';

/** `GET /incident?processInstanceId=` — the open incidents, as a list. */
@RequiresRole('operator')
@Controller('engine-rest/incident')
export class IncidentController {
  constructor(private readonly incidents: IncidentQueryService) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const filters = {
      incidentId: textParameter(query, 'incidentId'),
      processInstanceId: textParameter(query, 'processInstanceId'),
      processDefinitionId: textParameter(query, 'processDefinitionId'),
      activityId: textParameter(query, 'activityId'),
    };
    return this.incidents.find({
      tenantIds: readableTenants(caller, query),
      ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
      ...pagingParameters(query),
    });
  }
}

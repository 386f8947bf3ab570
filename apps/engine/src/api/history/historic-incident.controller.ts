import { Controller, Get, Query } from '@nestjs/common';
import {
  CurrentCaller,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { incidentQueryOf, IncidentQueryService } from '../incidents/incident-query.service.js';
import { camundaHistoricIncidentOf } from '../incidents/incident.response.js';

/**
 * `GET /history/incident` (and `/count`): every incident, open, resolved or deleted with its activity or instance
 * (`open`, `resolved`, `deleted` filter by state), of the caller's tenant.
 */
@RequiresRole('operator')
@Controller('engine-rest/history/incident')
export class HistoricIncidentController {
  constructor(private readonly incidents: IncidentQueryService) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const rows = await this.incidents.find(
      incidentQueryOf(query, readableTenants(caller, query), 'history'),
      'history',
    );
    return rows.map(camundaHistoricIncidentOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return {
      count: await this.incidents.count(
        incidentQueryOf(query, readableTenants(caller, query), 'history'),
        'history',
      ),
    };
  }
}

import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import {
  CurrentCaller,
  notFound,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import { incidentQueryOf, IncidentQueryService } from './incident-query.service.js';
import { camundaIncidentOf } from './incident.response.js';

/**
 * Camunda's open incidents: list and count (by instance, activity, type, message, time…), one by id, and resolving
 * one (`DELETE`), which retries what failed — for a job whose retries ran out, with fresh retries. An unknown
 * incident, or another tenant's, is a 404.
 */
@RequiresRole('operator')
@Controller('engine-rest/incident')
export class IncidentController {
  constructor(
    private readonly incidents: IncidentQueryService,
    private readonly runtime: EngineRuntime,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const rows = await this.incidents.find(
      incidentQueryOf(query, readableTenants(caller, query), 'open'),
      'open',
    );
    return rows.map(camundaIncidentOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return {
      count: await this.incidents.count(
        incidentQueryOf(query, readableTenants(caller, query), 'open'),
        'open',
      ),
    };
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    const row = await this.incidents.byId(id, readableTenants(caller, query), 'open');
    if (!row) throw notFound(`No matching incident with id ${id}`);
    return camundaIncidentOf(row);
  }

  @Delete(':id')
  @HttpCode(204)
  async resolve(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const row = await this.incidents.byId(id, readableTenants(caller, query), 'open');
    if (!row) throw notFound(`No matching incident with id ${id}`);
    await this.runtime.incidents.resolve(row.tenant_id, row.id, undefined, caller.name);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  CurrentCaller,
  notFound,
  pagingParameters,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { HistoricProcessInstanceQueryService } from './historic-process-instance-query.service.js';
import { camundaHistoricProcessInstanceOf } from './historic-process-instance.response.js';

/** `GET /history/process-instance` (a list), `/count` and `/{id}`, of the caller's tenants. */
@RequiresRole('process-starter')
@Controller('engine-rest/history/process-instance')
export class HistoricProcessInstanceController {
  constructor(private readonly history: HistoricProcessInstanceQueryService) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const { offset, limit } = pagingParameters(query);
    const rows = await this.history.find(
      this.history.queryOf(query, readableTenants(caller, query)),
      offset,
      limit,
    );
    return rows.map(camundaHistoricProcessInstanceOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return { count: await this.history.count(this.history.queryOf(query, readableTenants(caller, query))) };
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    const row = await this.history.byId(id, readableTenants(caller, query));
    if (!row) throw notFound(`Historic process instance with id ${id} does not exist`);
    return camundaHistoricProcessInstanceOf(row);
  }
}

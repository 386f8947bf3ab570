import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  booleanParameter,
  CurrentCaller,
  notFound,
  pagingParameters,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { HistoricVariableInstanceQueryService } from './historic-variable-instance-query.service.js';
import { camundaHistoricVariableInstanceOf } from './historic-variable-instance.response.js';

/**
 * `GET /history/variable-instance` (a list), `/count` and `/{id}`: each variable's latest value, of the caller's
 * tenants. Values are deserialized unless `deserializeValues=false`, as in Camunda.
 */
@RequiresRole('process-starter')
@Controller('engine-rest/history/variable-instance')
export class HistoricVariableInstanceController {
  constructor(private readonly history: HistoricVariableInstanceQueryService) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const deserializeValues = booleanParameter(query, 'deserializeValues') ?? true;
    const { offset, limit } = pagingParameters(query);
    const rows = await this.history.find(
      this.history.queryOf(query, readableTenants(caller, query)),
      offset,
      limit,
    );
    return rows.map((row) => camundaHistoricVariableInstanceOf(row, { deserializeValues }));
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
    const deserializeValues = booleanParameter(query, 'deserializeValues') ?? true;
    const byId = this.history.byIdQuery(id, readableTenants(caller, query));
    const [row] = byId ? await this.history.find(byId, 0, 1) : [];
    if (!row) throw notFound(`Historic variable instance with Id '${id}' does not exist.`);
    return camundaHistoricVariableInstanceOf(row, { deserializeValues });
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  CurrentCaller,
  notFound,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { HistoricProcessInstanceQueryService } from './historic-process-instance-query.service.js';
import { camundaHistoricProcessInstanceOf } from './historic-process-instance.response.js';

/** `GET /history/process-instance/{id}`, of the caller's tenant. */
@RequiresRole('process-starter')
@Controller('engine-rest/history/process-instance')
export class HistoricProcessInstanceController {
  constructor(private readonly history: HistoricProcessInstanceQueryService) {}

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

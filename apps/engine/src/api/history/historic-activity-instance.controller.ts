import { Controller, Get, Query } from '@nestjs/common';
import {
  booleanParameter,
  pagingParameters,
  sortingParameters,
  readableTenants,
  RequiresRole,
  CurrentCaller,
  type Caller,
  textParameter,
  type QueryParameters,
} from '#camunda-rest';
import {
  ACTIVITY_SORT_COLUMNS,
  HistoricActivityInstanceQueryService,
} from './historic-activity-instance-query.service.js';

/** `GET /history/activity-instance?processInstanceId=&activityId=&sortBy=startTime&sortOrder=asc` — a list. */
@RequiresRole('process-starter')
@Controller('engine-rest/history/activity-instance')
export class HistoricActivityInstanceController {
  constructor(private readonly history: HistoricActivityInstanceQueryService) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const processInstanceId = textParameter(query, 'processInstanceId');
    const activityId = textParameter(query, 'activityId');
    const activityInstanceId = textParameter(query, 'activityInstanceId');
    const finished = booleanParameter(query, 'finished');
    const unfinished = booleanParameter(query, 'unfinished');
    const sorting = sortingParameters(query, ACTIVITY_SORT_COLUMNS);
    return this.history.find({
      tenantIds: readableTenants(caller, query),
      ...(processInstanceId !== undefined ? { processInstanceId } : {}),
      ...(activityId !== undefined ? { activityId } : {}),
      ...(activityInstanceId !== undefined ? { activityInstanceId } : {}),
      ...(finished === true ? { finished: true } : unfinished === true ? { finished: false } : {}),
      ...(sorting ? { sorting } : {}),
      ...pagingParameters(query),
    });
  }
}

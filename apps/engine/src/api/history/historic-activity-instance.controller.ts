import { Controller, Get, Query } from '@nestjs/common';
import {
  booleanParameter,
  dateParameter,
  listQueryOf,
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
  type HistoricActivityInstanceQuery,
} from './historic-activity-instance-query.service.js';

/** `GET /history/activity-instance?processInstanceId=&activityType=&sortBy=startTime&sortOrder=asc` and `/count`. */
@RequiresRole('process-starter')
@Controller('engine-rest/history/activity-instance')
export class HistoricActivityInstanceController {
  constructor(private readonly history: HistoricActivityInstanceQueryService) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    return this.history.find(queryOf(query, caller));
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return { count: await this.history.count(queryOf(query, caller)) };
  }
}

/** Camunda's query parameters of the historic activity instance query, over the caller's tenants. */
function queryOf(query: QueryParameters, caller: Caller): HistoricActivityInstanceQuery {
  const texts = {
    processInstanceId: textParameter(query, 'processInstanceId'),
    activityId: textParameter(query, 'activityId'),
    activityInstanceId: textParameter(query, 'activityInstanceId'),
    activityType: textParameter(query, 'activityType'),
    processDefinitionId: textParameter(query, 'processDefinitionId'),
  };
  const dates = {
    startedBefore: dateParameter(query, 'startedBefore'),
    startedAfter: dateParameter(query, 'startedAfter'),
    finishedBefore: dateParameter(query, 'finishedBefore'),
    finishedAfter: dateParameter(query, 'finishedAfter'),
  };
  const finished = booleanParameter(query, 'finished');
  const unfinished = booleanParameter(query, 'unfinished');
  const sorting = sortingParameters(query, ACTIVITY_SORT_COLUMNS);
  return listQueryOf(query, readableTenants(caller, query), {
    ...texts,
    ...dates,
    finished: finished === true ? true : unfinished === true ? false : undefined,
    sorting,
  });
}

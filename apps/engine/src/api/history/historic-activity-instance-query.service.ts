import { countOf, orderOf, SqlFilter, type Sorting } from '#camunda-rest';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import {
  camundaHistoricActivityInstanceOf,
  type HistoricActivityInstanceRow,
} from './historic-activity-instance.response.js';
import { storedActivityTypeOf } from './camunda-activity-type.js';

/** Columns Camunda's `sortBy` values sort by. Ties keep the order the activities ran in. */
export const ACTIVITY_SORT_COLUMNS = {
  activityInstanceId: 'a.id',
  instanceId: 'a.id',
  activityId: 'a.activity_id',
  activityType: 'a.activity_type',
  startTime: 'a.started_at',
  endTime: 'a.ended_at',
  definitionId: 'a.definition_id',
  tenantId: 'a.tenant_id',
  duration: '(a.ended_at - a.started_at)',
} as const;

export type ActivitySortColumn = (typeof ACTIVITY_SORT_COLUMNS)[keyof typeof ACTIVITY_SORT_COLUMNS];

export interface HistoricActivityInstanceQuery {
  tenantIds: string[];
  processInstanceId?: string;
  activityId?: string;
  activityInstanceId?: string;
  finished?: boolean;
  /** Camunda's activity type (`serviceTask`, `noneEndEvent`, `boundaryTimer`). */
  activityType?: string;
  processDefinitionId?: string;
  startedBefore?: Date;
  startedAfter?: Date;
  finishedBefore?: Date;
  finishedAfter?: Date;
  sorting?: Sorting<ActivitySortColumn>;
  offset: number;
  limit: number | null;
}

/**
 * Reads the history of activity instances within the tenants a request may see. The process itself is no activity
 * in Camunda's view, so its row is left out; each activity's name and Camunda type come from its deployed definition.
 */
@Injectable()
export class HistoricActivityInstanceQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: EngineRuntime,
  ) {}

  async find(query: HistoricActivityInstanceQuery): Promise<Array<Record<string, unknown>>> {
    const type = query.activityType === undefined ? undefined : storedActivityTypeOf(query.activityType);
    if (type === undefined || type.exact) return this.select(query, true);
    // An event's Camunda type depends on its definition: filter after mapping, then page.
    const all = await this.select(query, false);
    return all.slice(query.offset, query.limit === null ? undefined : query.offset + query.limit);
  }

  async count(query: HistoricActivityInstanceQuery): Promise<number> {
    const type = query.activityType === undefined ? undefined : storedActivityTypeOf(query.activityType);
    if (type !== undefined && !type.exact) return (await this.select(query, false)).length;
    return countOf(this.dataSource, 'history_activity_instances a', this.filterOf(query));
  }

  private filterOf(query: HistoricActivityInstanceQuery): SqlFilter {
    const filter = new SqlFilter('a.tenant_id', query.tenantIds)
      .condition(`a.activity_type <> 'process'`)
      .equal('a.process_instance_id', query.processInstanceId)
      .equal('a.activity_id', query.activityId)
      .equal('a.id', query.activityInstanceId)
      .equal('a.definition_id', query.processDefinitionId)
      .equal(
        'a.activity_type',
        query.activityType === undefined ? undefined : storedActivityTypeOf(query.activityType).stored,
      );
    if (query.finished !== undefined)
      filter.condition(query.finished ? 'a.ended_at IS NOT NULL' : 'a.ended_at IS NULL');
    const times: Array<[Date | undefined, string]> = [
      [query.startedBefore, 'a.started_at <='],
      [query.startedAfter, 'a.started_at >='],
      [query.finishedBefore, 'a.ended_at <='],
      [query.finishedAfter, 'a.ended_at >='],
    ];
    for (const [date, condition] of times) {
      if (date) filter.condition(`${condition} ${filter.parameter(date)}`);
    }
    return filter;
  }

  private async select(
    query: HistoricActivityInstanceQuery,
    paged: boolean,
  ): Promise<Array<Record<string, unknown>>> {
    const filter = this.filterOf(query);
    const order = orderOf(query.sorting, {
      byDefault: 'a.process_instance_id, a.started_at, length(a.id), a.id',
      nullsLast: true,
    });
    const page = paged ? filter.page(query.offset, query.limit) : '';
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.tenant_id, a.process_instance_id, a.definition_id, h.definition_key, a.activity_id, a.activity_type,
         CASE WHEN parent.activity_type = 'process' THEN a.process_instance_id ELSE a.parent_activity_instance_id END
           AS parent_activity_instance_id,
         a.state, a.started_at, a.ended_at, a.removal_time
       FROM history_activity_instances a
       LEFT JOIN history_process_instances h ON h.id = a.process_instance_id
       LEFT JOIN history_activity_instances parent ON parent.id = a.parent_activity_instance_id
       WHERE ${filter.where}
       ORDER BY ${order}
       ${page}`,
      filter.parameters,
    )) as HistoricActivityInstanceRow[];
    const results: Array<Record<string, unknown>> = [];
    for (const row of rows) {
      const definition = await this.runtime.definitions.byIdOf(
        this.dataSource.manager,
        row.tenant_id,
        row.definition_id,
      );
      const activity = camundaHistoricActivityInstanceOf(row, definition?.process.elements[row.activity_id]);
      if (query.activityType === undefined || activity.activityType === query.activityType)
        results.push(activity);
    }
    return results;
  }
}

import { SqlFilter } from '#camunda-rest';
import { Injectable } from '@nestjs/common';
import type { Sorting } from '#camunda-rest';
import { DataSource } from 'typeorm';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import {
  camundaHistoricActivityInstanceOf,
  type HistoricActivityInstanceRow,
} from './historic-activity-instance.response.js';

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
} as const;

export type ActivitySortColumn = (typeof ACTIVITY_SORT_COLUMNS)[keyof typeof ACTIVITY_SORT_COLUMNS];

export interface HistoricActivityInstanceQuery {
  tenantIds: string[];
  processInstanceId?: string;
  activityId?: string;
  activityInstanceId?: string;
  finished?: boolean;
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
    const filter = new SqlFilter('a.tenant_id', query.tenantIds)
      .condition(`a.activity_type <> 'process'`)
      .equal('a.process_instance_id', query.processInstanceId)
      .equal('a.activity_id', query.activityId)
      .equal('a.id', query.activityInstanceId);
    if (query.finished !== undefined)
      filter.condition(query.finished ? 'a.ended_at IS NOT NULL' : 'a.ended_at IS NULL');
    const sort = query.sorting ? `${query.sorting.by} ${query.sorting.order.toUpperCase()}, ` : '';
    const page = filter.page(query.offset, query.limit);
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.tenant_id, a.process_instance_id, a.definition_id, h.definition_key, a.activity_id, a.activity_type,
         CASE WHEN parent.activity_type = 'process' THEN a.process_instance_id ELSE a.parent_activity_instance_id END
           AS parent_activity_instance_id,
         a.state, a.started_at, a.ended_at, a.removal_time
       FROM history_activity_instances a
       LEFT JOIN history_process_instances h ON h.id = a.process_instance_id
       LEFT JOIN history_activity_instances parent ON parent.id = a.parent_activity_instance_id
       WHERE ${filter.where}
       ORDER BY ${sort}a.process_instance_id, a.started_at, length(a.id), a.id
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
      results.push(camundaHistoricActivityInstanceOf(row, definition?.process.elements[row.activity_id]));
    }
    return results;
  }
}

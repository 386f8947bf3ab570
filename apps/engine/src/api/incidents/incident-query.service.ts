import { Injectable } from '@nestjs/common';
import {
  booleanParameter,
  countOf,
  dateParameter,
  listParameter,
  listQueryOf,
  orderOf,
  sortingParameters,
  SqlFilter,
  textParameter,
  type QueryParameters,
  type Sorting,
} from '#camunda-rest';
import { DataSource } from 'typeorm';
import { coreIncidentType, type IncidentRow } from './incident.response.js';

/** Open incidents (`GET /incident`) or the history of incidents (`GET /history/incident`). */
export type IncidentSource = 'open' | 'history';

/** What Camunda's `sortBy` may name, per source, and the column of the incident view it sorts by. */
const SORTABLE: Record<IncidentSource, Readonly<Record<string, string>>> = {
  open: {
    incidentId: 'i.id',
    incidentMessage: 'i.message',
    incidentTimestamp: 'i.created_at',
    incidentType: 'i.incident_type',
    executionId: 'i.element_instance_key',
    activityId: 'i.element_id',
    processInstanceId: 'i.process_instance_id',
    processDefinitionId: 'i.process_definition_id',
    causeIncidentId: 'i.id',
    rootCauseIncidentId: 'i.id',
    configuration: 'i.job_id',
    tenantId: 'i.tenant_id',
  },
  history: {
    incidentId: 'i.id',
    incidentMessage: 'i.message',
    createTime: 'i.created_at',
    endTime: 'i.ended_at',
    incidentType: 'i.incident_type',
    executionId: 'i.element_instance_key',
    activityId: 'i.element_id',
    processInstanceId: 'i.process_instance_id',
    processDefinitionId: 'i.process_definition_id',
    processDefinitionKey: 'i.process_definition_key',
    causeIncidentId: 'i.id',
    rootCauseIncidentId: 'i.id',
    configuration: 'i.job_id',
    historyConfiguration: 'i.id',
    tenantId: 'i.tenant_id',
    incidentState: `(CASE WHEN i.ended_at IS NULL THEN 0 WHEN i.deleted THEN 2 ELSE 1 END)`,
  },
};

/** Camunda's incident query (open or historic), as far as this engine supports it (see {@link incidentQueryOf}). */
export interface IncidentQuery {
  tenantIds: string[];
  incidentId?: string;
  incidentType?: string;
  incidentMessage?: string;
  incidentMessageLike?: string;
  processDefinitionId?: string;
  processDefinitionKeys?: string[];
  processInstanceId?: string;
  executionId?: string;
  activityId?: string;
  failedActivityId?: string;
  causeIncidentId?: string;
  rootCauseIncidentId?: string;
  configuration?: string;
  jobDefinitionIds?: string[];
  createdBefore?: Date;
  createdAfter?: Date;
  endedBefore?: Date;
  endedAfter?: Date;
  open?: boolean;
  resolved?: boolean;
  deleted?: boolean;
  sorting?: Sorting<string>;
  offset: number;
  limit: number | null;
}

/**
 * Reads the query parameters of `GET /incident` or `GET /history/incident` (and their `/count`); a malformed value
 * is a 400 naming the parameter. `tenantIds` are the tenants the caller may see.
 */
export function incidentQueryOf(
  query: QueryParameters,
  tenantIds: string[],
  source: IncidentSource,
): IncidentQuery {
  const key = source === 'history' ? textParameter(query, 'processDefinitionKey') : undefined;
  const keyIn = listParameter(query, 'processDefinitionKeyIn');
  const times =
    source === 'open'
      ? {
          createdBefore: dateParameter(query, 'incidentTimestampBefore'),
          createdAfter: dateParameter(query, 'incidentTimestampAfter'),
        }
      : {
          createdBefore: dateParameter(query, 'createTimeBefore'),
          createdAfter: dateParameter(query, 'createTimeAfter'),
          endedBefore: dateParameter(query, 'endTimeBefore'),
          endedAfter: dateParameter(query, 'endTimeAfter'),
          open: booleanParameter(query, 'open') === true ? true : undefined,
          resolved: booleanParameter(query, 'resolved') === true ? true : undefined,
          deleted: booleanParameter(query, 'deleted') === true ? true : undefined,
        };
  return listQueryOf(query, tenantIds, {
    incidentId: textParameter(query, 'incidentId'),
    incidentType: textParameter(query, 'incidentType'),
    incidentMessage: textParameter(query, 'incidentMessage'),
    incidentMessageLike: textParameter(query, 'incidentMessageLike'),
    processDefinitionId: textParameter(query, 'processDefinitionId'),
    processDefinitionKeys: key === undefined ? keyIn : [key, ...(keyIn ?? [])],
    processInstanceId: textParameter(query, 'processInstanceId'),
    executionId: textParameter(query, 'executionId'),
    activityId: textParameter(query, 'activityId'),
    failedActivityId: textParameter(query, 'failedActivityId'),
    causeIncidentId: textParameter(query, 'causeIncidentId'),
    rootCauseIncidentId: textParameter(query, 'rootCauseIncidentId'),
    configuration: textParameter(query, 'configuration'),
    jobDefinitionIds: listParameter(query, 'jobDefinitionIdIn'),
    ...times,
    sorting: sortingParameters(query, SORTABLE[source]),
  });
}

/**
 * One view over open incidents and over their history with the same columns, so both queries filter, sort and map
 * alike. The root process instance is found up the chain of calling instances.
 */
const INCIDENT_VIEWS: Record<IncidentSource, string> = {
  open: `SELECT n.id, n.tenant_id, n.process_instance_id, n.process_definition_id, d.key AS process_definition_key,
      n.element_id, n.element_instance_key, n.incident_type, n.message, n.job_id, n.job_kind, n.created_at,
      NULL::timestamptz AS ended_at, false AS deleted, NULL::timestamptz AS removal_time
    FROM incidents n LEFT JOIN process_definitions d ON d.id = n.process_definition_id`,
  history: `SELECT n.id, n.tenant_id, n.process_instance_id,
      coalesce(n.process_definition_id, h.definition_id) AS process_definition_id, h.definition_key AS process_definition_key,
      n.element_id, n.element_instance_key, n.incident_type, n.message, n.job_id, n.job_kind, n.created_at,
      n.resolved_at AS ended_at, n.deleted, n.removal_time
    FROM history_incidents n LEFT JOIN history_process_instances h ON h.id = n.process_instance_id AND h.tenant_id = n.tenant_id`,
};

const ROOT_PROCESS_INSTANCE = `(WITH RECURSIVE chain (id, super_instance_id, depth) AS (
      SELECT h.id, h.super_instance_id, 0 FROM history_process_instances h WHERE h.id = i.process_instance_id
      UNION ALL
      SELECT h.id, h.super_instance_id, chain.depth + 1 FROM history_process_instances h
        JOIN chain ON h.id = chain.super_instance_id WHERE chain.depth < 100)
    SELECT id FROM chain ORDER BY depth DESC LIMIT 1) AS root_process_instance_id`;

/** Reads incidents — open or their history — only ever within the tenants a request may see, oldest first. */
@Injectable()
export class IncidentQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: IncidentQuery, source: IncidentSource): Promise<IncidentRow[]> {
    const filter = filterOf(query);
    const order = orderOf(query.sorting, { byDefault: 'i.created_at, i.id', tiebreaker: 'i.id' });
    const page = filter.page(query.offset, query.limit);
    return (await this.dataSource.query(
      `SELECT i.*, ${ROOT_PROCESS_INSTANCE} FROM (${INCIDENT_VIEWS[source]}) AS i
       WHERE ${filter.where} ORDER BY ${order} ${page}`,
      filter.parameters,
    )) as IncidentRow[];
  }

  async count(query: IncidentQuery, source: IncidentSource): Promise<number> {
    return countOf(this.dataSource, `(${INCIDENT_VIEWS[source]}) AS i`, filterOf(query));
  }

  /** An incident by id, of a tenant the caller may see. */
  async byId(id: string, tenantIds: string[], source: IncidentSource): Promise<IncidentRow | undefined> {
    return (await this.find({ tenantIds, incidentId: id, offset: 0, limit: 1 }, source))[0];
  }
}

function filterOf(query: IncidentQuery): SqlFilter {
  const filter = new SqlFilter('i.tenant_id', query.tenantIds)
    .equal('i.id', query.incidentId)
    .equal('i.message', query.incidentMessage)
    .like('i.message', query.incidentMessageLike)
    .equal('i.process_definition_id', query.processDefinitionId)
    .anyOf('i.process_definition_key', query.processDefinitionKeys)
    .equal('i.process_instance_id', query.processInstanceId)
    .equal('i.element_instance_key', query.executionId)
    .equal('i.element_id', query.activityId)
    // The activity with the incident is the one that failed; each incident is its own cause and root cause.
    .equal('i.element_id', query.failedActivityId)
    .equal('i.id', query.causeIncidentId)
    .equal('i.id', query.rootCauseIncidentId)
    .equal('i.job_id', query.configuration);
  if (query.incidentType !== undefined) {
    const { type, externalTask } = coreIncidentType(query.incidentType);
    filter.equal('i.incident_type', type);
    if (externalTask !== undefined) {
      filter.condition(
        externalTask ? `i.job_kind = 'external-task'` : `i.job_kind IS DISTINCT FROM 'external-task'`,
      );
    }
  }
  // No incident has a job definition here (they are not kept); a filter by them matches nothing.
  if (query.jobDefinitionIds !== undefined) filter.condition('false');
  if (query.createdBefore) filter.condition(`i.created_at < ${filter.parameter(query.createdBefore)}`);
  if (query.createdAfter) filter.condition(`i.created_at > ${filter.parameter(query.createdAfter)}`);
  if (query.endedBefore) filter.condition(`i.ended_at < ${filter.parameter(query.endedBefore)}`);
  if (query.endedAfter) filter.condition(`i.ended_at > ${filter.parameter(query.endedAfter)}`);
  if (query.open) filter.condition('i.ended_at IS NULL');
  if (query.resolved) filter.condition('i.ended_at IS NOT NULL AND NOT i.deleted');
  if (query.deleted) filter.condition('i.ended_at IS NOT NULL AND i.deleted');
  return filter;
}

import { Inject, Injectable } from '@nestjs/common';
import {
  booleanParameter,
  countOf,
  integerParameter,
  invalidRequest,
  listQueryOf,
  oneAndListParameter,
  orderOf,
  parseCamundaDate,
  sortingParameters,
  SqlFilter,
  textParameter,
  type QueryParameters,
  type Sorting,
} from '#camunda-rest';
import { DataSource } from 'typeorm';
import { ENGINE_CONFIG, type EngineConfig } from '../../config/engine-config.js';
import { DEFINITION_SUSPENSION_JOB } from '../../runtime/definition-suspension.js';
import { CAMUNDA_JOB_KINDS } from '../../runtime/job-operations.js';
import type { JobRow } from './job.response.js';

/** What Camunda's `sortBy` of a job query may name, and the column it sorts by. */
const SORTABLE = {
  jobId: 'j.id',
  executionId: 'j.element_instance_key',
  processInstanceId: 'j.process_instance_id',
  processDefinitionId: 'j.definition_id',
  processDefinitionKey: 'j.definition_key',
  jobPriority: 'j.priority',
  jobRetries: 'j.retries',
  jobDueDate: 'j.due_at',
  tenantId: 'j.tenant_id',
} as const;

type SortColumn = (typeof SORTABLE)[keyof typeof SORTABLE];

/** Camunda filters this engine cannot evaluate: refused, since ignoring a filter would answer too many jobs. */
const UNSUPPORTED = ['activityIdIn', 'processDefinitionKeyIn'];

/** A bound on a date: Camunda's `dueDates=gt_2026-01-05T08:00:00.000+0100,lt_…`. */
interface DateBound {
  operator: '>' | '<';
  date: Date;
}

/** Camunda's job query, as far as this engine supports it (see {@link jobQueryOf}). */
export interface JobQuery {
  tenantIds: string[];
  ids?: string[];
  jobDefinitionId?: string;
  processInstanceIds?: string[];
  executionId?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  activityId?: string;
  withRetriesLeft?: boolean;
  noRetriesLeft?: boolean;
  executable?: boolean;
  timers?: boolean;
  messages?: boolean;
  dueDates?: DateBound[];
  createTimes?: DateBound[];
  withException?: boolean;
  exceptionMessage?: string;
  failedActivityId?: string;
  suspended?: boolean;
  priorityAtMost?: number;
  priorityAtLeast?: number;
  sorting?: Sorting<SortColumn>;
  offset: number;
  limit: number | null;
}

/**
 * Reads the query parameters of `GET /job` (and `/count`); a malformed value is a 400 naming the parameter.
 * `tenantIds` are the tenants the caller may see.
 */
export function jobQueryOf(query: QueryParameters, tenantIds: string[]): JobQuery {
  for (const name of UNSUPPORTED) {
    if (query[name] !== undefined) {
      throw invalidRequest(`Query parameter '${name}' is not supported by this engine; leave it out`);
    }
  }
  const timers = booleanParameter(query, 'timers');
  const messages = booleanParameter(query, 'messages');
  if (timers === true && messages === true) {
    throw invalidRequest('Parameter timers cannot be used together with parameter messages.');
  }
  const withRetriesLeft = booleanParameter(query, 'withRetriesLeft');
  const noRetriesLeft = booleanParameter(query, 'noRetriesLeft');
  const ids = oneAndListParameter(query, 'jobId', 'jobIds');
  const processInstanceIds = oneAndListParameter(query, 'processInstanceId', 'processInstanceIds');
  const active = booleanParameter(query, 'active');
  const suspended = booleanParameter(query, 'suspended');
  return listQueryOf(query, tenantIds, {
    ids,
    jobDefinitionId: textParameter(query, 'jobDefinitionId'),
    processInstanceIds,
    executionId: textParameter(query, 'executionId'),
    processDefinitionId: textParameter(query, 'processDefinitionId'),
    processDefinitionKey: textParameter(query, 'processDefinitionKey'),
    activityId: textParameter(query, 'activityId'),
    withRetriesLeft: withRetriesLeft === true ? true : undefined,
    noRetriesLeft: noRetriesLeft === true ? true : undefined,
    executable: booleanParameter(query, 'executable') === true ? true : undefined,
    timers: timers === true ? true : undefined,
    messages: messages === true ? true : undefined,
    dueDates: dateBoundsOf(query, 'dueDates'),
    createTimes: dateBoundsOf(query, 'createTimes'),
    withException: booleanParameter(query, 'withException') === true ? true : undefined,
    exceptionMessage: textParameter(query, 'exceptionMessage'),
    failedActivityId: textParameter(query, 'failedActivityId'),
    // Camunda's `active=true` is "not suspended"; `false` for either flag filters nothing, as in Camunda.
    suspended: suspended === true ? true : active === true ? false : undefined,
    priorityAtMost: integerParameter(query, 'priorityLowerThanOrEquals', Number.MIN_SAFE_INTEGER),
    priorityAtLeast: integerParameter(query, 'priorityHigherThanOrEquals', Number.MIN_SAFE_INTEGER),
    sorting: sortingParameters(query, SORTABLE),
  });
}

/** `gt_<date>,lt_<date>`: Camunda's date comparisons (only `gt` and `lt`), each date in Camunda's format. */
function dateBoundsOf(query: QueryParameters, name: string): DateBound[] | undefined {
  const text = textParameter(query, name);
  if (text === undefined) return undefined;
  return text.split(',').map((part) => {
    const match = /^(gt|lt)_(.+)$/.exec(part.trim());
    const date = match ? parseCamundaDate(match[2] as string) : undefined;
    if (!match || !date) {
      throw invalidRequest(
        `Cannot set query parameter '${name}' to value '${part}': expected gt_<date> or lt_<date>, the date in Camunda's format yyyy-MM-dd'T'HH:mm:ss.SSSZ (send '+' as %2B)`,
      );
    }
    return { operator: match[1] === 'gt' ? '>' : '<', date };
  });
}

/**
 * Reads jobs (timers, asynchronous continuations, connector calls — see CAMUNDA_JOB_KINDS), only ever within the
 * tenants a request may see. A job's retries are its own count, or — before its first failure — the count it will
 * get (`camunda:failedJobRetryTimeCycle`, else JOB_RETRIES).
 */
@Injectable()
export class JobQueryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async find(query: JobQuery): Promise<JobRow[]> {
    const filter = this.filterOf(query);
    const order = orderOf(query.sorting, { byDefault: 'j.created_at, j.id', tiebreaker: 'j.id' });
    const page = filter.page(query.offset, query.limit);
    return (await this.dataSource.query(
      `SELECT * FROM (${this.jobsSql(filter)}) AS j WHERE ${filter.where} ORDER BY ${order} ${page}`,
      filter.parameters,
    )) as JobRow[];
  }

  async count(query: JobQuery): Promise<number> {
    const filter = this.filterOf(query);
    return countOf(this.dataSource, `(${this.jobsSql(filter)}) AS j`, filter);
  }

  /** A job by id, of a tenant the caller may see. */
  async byId(id: string, tenantIds: string[]): Promise<JobRow | undefined> {
    return (await this.find({ tenantIds, ids: [id], offset: 0, limit: 1 }))[0];
  }

  /** The jobs Camunda would show, with their instance's definition and suspension and their effective retries. */
  private jobsSql(filter: SqlFilter): string {
    const defaultRetries = filter.parameter(this.config.jobRetries);
    const kinds = filter.parameter(CAMUNDA_JOB_KINDS);
    return `SELECT j.id, j.tenant_id, j.process_instance_id, j.element_id, j.element_instance_key, j.kind, j.due_at,
        j.priority, j.error_message, j.created_at,
        coalesce(p.definition_id, j.payload->>'processDefinitionId') AS definition_id,
        coalesce(p.definition_key, j.payload->>'processDefinitionKey', d.key) AS definition_key,
        coalesce(p.suspended, false) AS suspended,
        coalesce(j.retries, CASE WHEN j.retry_time_cycle ~ '^\\s*R[0-9]+/'
          THEN substring(j.retry_time_cycle FROM 'R([0-9]+)/')::int ELSE ${defaultRetries}::int END) AS retries
      FROM jobs j LEFT JOIN process_instances p ON p.id = j.process_instance_id AND p.tenant_id = j.tenant_id
        -- A scheduled suspension has no instance: its definition is named in its payload.
        LEFT JOIN process_definitions d ON j.process_instance_id IS NULL
          AND d.id = j.payload->>'processDefinitionId' AND d.tenant_id = j.tenant_id
      WHERE j.kind = ANY(${kinds}) AND (p.id IS NOT NULL OR j.process_instance_id IS NULL)`;
  }

  private filterOf(query: JobQuery): SqlFilter {
    const filter = new SqlFilter('j.tenant_id', query.tenantIds)
      .anyOf('j.id', query.ids)
      .anyOf('j.process_instance_id', query.processInstanceIds)
      .equal('j.element_instance_key', query.executionId)
      .equal('j.definition_id', query.processDefinitionId)
      .equal('j.definition_key', query.processDefinitionKey)
      .equal('j.element_id', query.activityId)
      .equal('j.error_message', query.exceptionMessage);
    // No job has a job definition here (they are not kept); a filter by one matches nothing.
    if (query.jobDefinitionId !== undefined) filter.condition('false');
    if (query.withRetriesLeft) filter.condition('j.retries > 0');
    if (query.noRetriesLeft) filter.condition('j.retries = 0');
    if (query.executable) filter.condition(`j.retries > 0 AND j.due_at <= now()`);
    // A scheduled suspension is a timer in Camunda too (a timer job with a suspension handler).
    if (query.timers) filter.condition(`j.kind IN ('timer', '${DEFINITION_SUSPENSION_JOB}')`);
    if (query.messages) filter.condition(`j.kind NOT IN ('timer', '${DEFINITION_SUSPENSION_JOB}')`);
    for (const bound of query.dueDates ?? []) {
      filter.condition(`j.due_at ${bound.operator} ${filter.parameter(bound.date)}`);
    }
    for (const bound of query.createTimes ?? []) {
      filter.condition(`j.created_at ${bound.operator} ${filter.parameter(bound.date)}`);
    }
    if (query.withException) filter.condition('j.error_message IS NOT NULL');
    if (query.failedActivityId !== undefined) {
      filter.equal('j.element_id', query.failedActivityId).condition('j.error_message IS NOT NULL');
    }
    if (query.suspended !== undefined) filter.condition(query.suspended ? 'j.suspended' : 'NOT j.suspended');
    if (query.priorityAtMost !== undefined) {
      filter.condition(`j.priority <= ${filter.parameter(query.priorityAtMost)}`);
    }
    if (query.priorityAtLeast !== undefined) {
      filter.condition(`j.priority >= ${filter.parameter(query.priorityAtLeast)}`);
    }
    return filter;
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import {
  camundaTenantId,
  CurrentCaller,
  dateParameter,
  formatCamundaDate,
  listParameter,
  pagingParameters,
  readableTenants,
  RequiresRole,
  sortingParameters,
  SqlFilter,
  textParameter,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { DataSource } from 'typeorm';

interface OperationRow {
  id: string;
  tenant_id: string;
  process_instance_id: string | null;
  operation: string;
  details: {
    entityType?: string;
    entityId?: string;
    properties?: Record<string, string | number | boolean | null>;
  } | null;
  user_id: string | null;
  at: Date;
  definition_id: string | null;
  definition_key: string | null;
}

const SORT_COLUMNS = { timestamp: 'o.at' } as const;

/**
 * `GET /history/user-operation` (and `/count`): the operation log — who cancelled, suspended, changed variables,
 * resolved incidents, claimed, assigned and completed tasks, and when — of the caller's tenant, in Camunda's
 * `UserOperationLogEntryDto` shape: one entry per changed property (`property`/`newValue`), or one with
 * `property: null` for an operation without properties. Variable values are never logged, only their names.
 */
@RequiresRole('operator')
@Controller('engine-rest/history/user-operation')
export class UserOperationController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const filter = this.filterOf(query, caller);
    const sorting = sortingParameters(query, SORT_COLUMNS);
    const { offset, limit } = pagingParameters(query);
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.tenant_id, o.process_instance_id, o.operation, o.details, o.user_id, o.at,
         h.definition_id, h.definition_key
       FROM history_operations o LEFT JOIN history_process_instances h ON h.id = o.process_instance_id
       WHERE ${filter.where}
       ORDER BY ${sorting ? `${sorting.by} ${sorting.order}` : 'o.at'}, o.id ${filter.page(offset, limit)}`,
      filter.parameters,
    )) as OperationRow[];
    return rows.flatMap(camundaEntriesOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    const filter = this.filterOf(query, caller);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM history_operations o
         LEFT JOIN history_process_instances h ON h.id = o.process_instance_id
       WHERE ${filter.where}`,
      filter.parameters,
    )) as Array<{ count: number }>;
    return { count: row.count };
  }

  private filterOf(query: QueryParameters, caller: Caller): SqlFilter {
    const filter = new SqlFilter('o.tenant_id', readableTenants(caller, query));
    filter.equal('o.process_instance_id', textParameter(query, 'processInstanceId'));
    filter.equal('h.definition_id', textParameter(query, 'processDefinitionId'));
    filter.equal('h.definition_key', textParameter(query, 'processDefinitionKey'));
    filter.equal('o.user_id', textParameter(query, 'userId'));
    filter.equal('o.operation', textParameter(query, 'operationType'));
    const entityTypes = listParameter(query, 'entityTypeIn') ?? listParameter(query, 'entityType');
    if (entityTypes) filter.condition(`o.details->>'entityType' = ANY(${filter.parameter(entityTypes)})`);
    const taskId = textParameter(query, 'taskId');
    if (taskId !== undefined) {
      filter.condition(
        `o.details->>'entityType' = 'Task' AND o.details->>'entityId' = ${filter.parameter(taskId)}`,
      );
    }
    const after = dateParameter(query, 'afterTimestamp');
    if (after) filter.condition(`o.at > ${filter.parameter(after)}`);
    const before = dateParameter(query, 'beforeTimestamp');
    if (before) filter.condition(`o.at < ${filter.parameter(before)}`);
    return filter;
  }
}

/** Camunda's entries for one logged operation: one per changed property. */
function camundaEntriesOf(row: OperationRow): Array<Record<string, unknown>> {
  const entityType = row.details?.entityType ?? null;
  const entityId = row.details?.entityId ?? null;
  const base = {
    id: row.id,
    operationId: row.id,
    deploymentId: null,
    processDefinitionId: row.definition_id,
    processDefinitionKey: row.definition_key,
    processInstanceId: row.process_instance_id,
    rootProcessInstanceId: row.process_instance_id,
    executionId: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: entityType === 'Task' ? entityId : null,
    jobId: entityType === 'Job' ? entityId : null,
    jobDefinitionId: null,
    externalTaskId: null,
    batchId: null,
    userId: row.user_id,
    timestamp: formatCamundaDate(row.at),
    operationType: row.operation,
    entityType,
    category: entityType === 'Task' ? 'TaskWorker' : 'Operator',
    annotation: null,
    removalTime: null,
    tenantId: camundaTenantId(row.tenant_id),
  };
  const properties = Object.entries(row.details?.properties ?? {});
  if (properties.length === 0) return [{ ...base, property: null, orgValue: null, newValue: null }];
  return properties.map(([property, value]) => ({
    ...base,
    property,
    orgValue: null,
    newValue: value === null ? null : String(value),
  }));
}

import type { DataSource } from 'typeorm';

/** Every table the migrations make, with every index it must have (named ones, primary keys, unique constraints). */
export const EXPECTED_INDEXES: Record<string, string[]> = {
  deployments: ['deployments_pkey', 'deployments_tenant_time'],
  deployment_resources: ['deployment_resources_pkey', 'deployment_resources_deployment'],
  process_definitions: [
    'process_definitions_pkey',
    'process_definitions_tenant_id_key_version_key',
    'process_definitions_deployment',
  ],
  decision_definitions: ['decision_definitions_pkey', 'decision_definitions_tenant_id_key_version_key'],
  process_instances: [
    'process_instances_pkey',
    'process_instances_tenant_definition',
    'process_instances_business_key',
    'process_instances_super',
  ],
  variables: ['variables_pkey', 'variables_by_name'],
  jobs: ['jobs_pkey', 'jobs_due', 'jobs_lock_expiry', 'jobs_topic', 'jobs_instance'],
  event_subscriptions: [
    'event_subscriptions_pkey',
    'event_subscriptions_lookup',
    'event_subscriptions_instance',
  ],
  buffered_messages: ['buffered_messages_pkey', 'buffered_messages_lookup'],
  user_tasks: [
    'user_tasks_pkey',
    'user_tasks_assignee',
    'user_tasks_instance',
    'user_tasks_candidate_groups',
    'user_tasks_candidate_users',
  ],
  incidents: ['incidents_pkey', 'incidents_instance'],
  history_process_instances: [
    'history_process_instances_pkey',
    'history_process_instances_removal',
    'history_process_instances_definition',
  ],
  history_activity_instances: ['history_activity_instances_pkey', 'history_activity_instances_instance'],
  history_variable_updates: ['history_variable_updates_pkey', 'history_variable_updates_instance'],
  history_incidents: ['history_incidents_pkey', 'history_incidents_instance'],
  history_operations: ['history_operations_pkey', 'history_operations_instance'],
  idempotent_starts: ['idempotent_starts_pkey', 'idempotent_starts_created'],
  lora_registrations: [
    'lora_registrations_pkey',
    'lora_registrations_current',
    'lora_registrations_current_order',
    'lora_registrations_object',
    'lora_registrations_period',
  ],
  lora_search_values: [
    'lora_search_values_pkey',
    'lora_search_values_registration',
    'lora_search_values_lookup',
    'lora_search_values_virkning',
  ],
  lora_document_contents: ['lora_document_contents_pkey'],
  lora_notifications: [
    'lora_notifications_pkey',
    'lora_notifications_published',
    'lora_notifications_unpublished',
  ],
  lora_reaction_receipts: ['lora_reaction_receipts_pkey', 'lora_reaction_receipts_received'],
  beskedfordeler_messages: ['beskedfordeler_messages_pkey', 'beskedfordeler_messages_received'],
};

/** The tables in `schema` (TypeORM's migrations table aside) with their indexes, sorted. */
export async function indexesByTable(
  dataSource: DataSource,
  schema: string,
): Promise<Record<string, string[]>> {
  const tables: Array<{ tablename: string }> = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'migrations'`,
    [schema],
  );
  const indexes: Array<{ tablename: string; indexname: string }> = await dataSource.query(
    'SELECT tablename, indexname FROM pg_indexes WHERE schemaname = $1',
    [schema],
  );
  return Object.fromEntries(
    tables.map(({ tablename }) => [
      tablename,
      indexes
        .filter((index) => index.tablename === tablename)
        .map((index) => index.indexname)
        .sort(),
    ]),
  );
}

export function sortedExpectedIndexes(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(EXPECTED_INDEXES).map(([table, names]) => [table, [...names].sort()]),
  );
}

/** The type names `information_schema.columns.udt_name` gives for the types the entities declare. */
const UDT_OF: Record<string, string> = { integer: 'int4', bigint: 'int8', boolean: 'bool' };

/**
 * Where the entities and the tables disagree: a property mapped to a missing column, a column no entity maps, a
 * different type, nullability or default. Empty when every entity matches its table exactly.
 */
export async function entityMismatches(dataSource: DataSource, schema: string): Promise<string[]> {
  const columns: Array<{
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
  }> = await dataSource.query(
    `SELECT table_name, column_name, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = $1 AND table_name <> 'migrations'`,
    [schema],
  );
  const mismatches: string[] = [];
  const mapped = new Set<string>();
  // Views (element_instances) are checked by their own test: their columns carry no declared types.
  const views = new Set(
    dataSource.entityMetadatas.filter((metadata) => metadata.tableType === 'view').map((m) => m.tableName),
  );
  for (const metadata of dataSource.entityMetadatas) {
    if (views.has(metadata.tableName)) continue;
    for (const column of metadata.columns) {
      const where = `${metadata.name}.${column.propertyName} → ${metadata.tableName}.${column.databaseName}`;
      mapped.add(`${metadata.tableName}.${column.databaseName}`);
      const found = columns.find(
        (c) => c.table_name === metadata.tableName && c.column_name === column.databaseName,
      );
      if (!found) {
        mismatches.push(`${where}: no such column`);
        continue;
      }
      const declared = String(column.type);
      if ((UDT_OF[declared] ?? declared) !== found.udt_name) {
        mismatches.push(`${where}: entity type ${declared}, column type ${found.udt_name}`);
      }
      if (column.isNullable !== (found.is_nullable === 'YES')) {
        mismatches.push(
          `${where}: entity nullable ${column.isNullable}, column nullable ${found.is_nullable}`,
        );
      }
      const entityHasDefault = column.default !== undefined || column.isGenerated;
      if (entityHasDefault !== (found.column_default !== null)) {
        mismatches.push(
          `${where}: entity default ${entityHasDefault}, column default ${found.column_default}`,
        );
      }
    }
  }
  for (const column of columns) {
    if (views.has(column.table_name)) continue;
    if (!mapped.has(`${column.table_name}.${column.column_name}`)) {
      mismatches.push(`${column.table_name}.${column.column_name}: no entity maps it`);
    }
  }
  return mismatches;
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The engine's tables. Every row belongs to a tenant (a municipality; '' = no tenant) and every query filters by
 * it. A process instance's whole state is one JSONB document (the core's plain state), versioned for optimistic
 * locking; the other runtime tables are projections of it kept in the same transaction, for queries and dispatch.
 * SQL that PostgreSQL 15 and PGlite (PostgreSQL 18) both accept.
 */
export class InitialSchema1764460800000 implements MigrationInterface {
  name = 'InitialSchema1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE deployments (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        name text,
        source text,
        deployed_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX deployments_tenant_time ON deployments (tenant_id, deployed_at DESC)`,
      `CREATE TABLE deployment_resources (
        id uuid PRIMARY KEY,
        deployment_id uuid NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
        tenant_id text NOT NULL DEFAULT '',
        name text NOT NULL,
        content bytea NOT NULL,
        checksum text NOT NULL
      )`,
      `CREATE INDEX deployment_resources_deployment ON deployment_resources (deployment_id)`,
      `CREATE TABLE process_definitions (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        key text NOT NULL,
        version integer NOT NULL,
        version_tag text,
        name text,
        deployment_id uuid NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
        resource_name text NOT NULL,
        checksum text NOT NULL,
        executable jsonb NOT NULL,
        history_time_to_live_days integer,
        suspended boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, key, version)
      )`,
      `CREATE INDEX process_definitions_deployment ON process_definitions (deployment_id)`,
      `CREATE TABLE decision_definitions (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        deployment_id uuid NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
        resource_name text NOT NULL,
        decision_requirements_key text NOT NULL,
        checksum text NOT NULL,
        executable jsonb NOT NULL,
        UNIQUE (tenant_id, key, version)
      )`,
      `CREATE TABLE process_instances (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        definition_id text NOT NULL REFERENCES process_definitions (id),
        definition_key text NOT NULL,
        business_key text,
        status text NOT NULL,
        suspended boolean NOT NULL DEFAULT false,
        state jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        super_instance_id text,
        super_wait_key text,
        started_at timestamptz NOT NULL,
        ended_at timestamptz
      )`,
      `CREATE INDEX process_instances_tenant_definition ON process_instances (tenant_id, definition_key, status)`,
      `CREATE INDEX process_instances_business_key ON process_instances (tenant_id, business_key) WHERE business_key IS NOT NULL`,
      `CREATE INDEX process_instances_super ON process_instances (super_instance_id) WHERE super_instance_id IS NOT NULL`,
      `CREATE TABLE variables (
        process_instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
        scope_key text NOT NULL,
        tenant_id text NOT NULL DEFAULT '',
        name text NOT NULL,
        type text NOT NULL,
        value jsonb,
        value_info jsonb,
        PRIMARY KEY (process_instance_id, scope_key, name)
      )`,
      `CREATE INDEX variables_by_name ON variables (tenant_id, name)`,
      `CREATE TABLE jobs (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        process_instance_id text REFERENCES process_instances (id) ON DELETE CASCADE,
        element_id text,
        element_instance_key text,
        kind text NOT NULL,
        type text,
        payload jsonb,
        due_at timestamptz NOT NULL DEFAULT now(),
        retries integer,
        retry_time_cycle text,
        priority integer NOT NULL DEFAULT 0,
        lock_owner text,
        lock_expires_at timestamptz,
        error_message text,
        error_details text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX jobs_due ON jobs (due_at) WHERE lock_owner IS NULL`,
      `CREATE INDEX jobs_lock_expiry ON jobs (lock_expires_at) WHERE lock_owner IS NOT NULL`,
      `CREATE INDEX jobs_topic ON jobs (tenant_id, kind, type)`,
      `CREATE INDEX jobs_instance ON jobs (process_instance_id)`,
      `CREATE TABLE event_subscriptions (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        process_instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
        element_id text NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        correlation_key text,
        business_key text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX event_subscriptions_lookup ON event_subscriptions (tenant_id, kind, name)`,
      `CREATE INDEX event_subscriptions_instance ON event_subscriptions (process_instance_id)`,
      `CREATE TABLE buffered_messages (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        name text NOT NULL,
        correlation_key text,
        business_key text,
        variables jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX buffered_messages_lookup ON buffered_messages (tenant_id, name, expires_at)`,
      `CREATE TABLE user_tasks (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        process_instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
        process_definition_id text NOT NULL,
        element_id text NOT NULL,
        name text,
        assignee text,
        candidate_users jsonb NOT NULL DEFAULT '[]',
        candidate_groups jsonb NOT NULL DEFAULT '[]',
        due_date timestamptz,
        follow_up_date timestamptz,
        priority integer NOT NULL DEFAULT 50,
        form_key text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX user_tasks_assignee ON user_tasks (tenant_id, assignee)`,
      `CREATE INDEX user_tasks_instance ON user_tasks (process_instance_id)`,
      `CREATE TABLE incidents (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        process_instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
        process_definition_id text NOT NULL,
        element_id text NOT NULL,
        element_instance_key text NOT NULL,
        incident_type text NOT NULL,
        message text NOT NULL,
        job_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX incidents_instance ON incidents (process_instance_id)`,
      `CREATE TABLE history_process_instances (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        business_key text,
        state text NOT NULL,
        super_instance_id text,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        removal_time timestamptz,
        failure jsonb
      )`,
      `CREATE INDEX history_process_instances_removal ON history_process_instances (removal_time) WHERE removal_time IS NOT NULL`,
      `CREATE INDEX history_process_instances_definition ON history_process_instances (tenant_id, definition_key)`,
      `CREATE TABLE history_activity_instances (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        process_instance_id text NOT NULL,
        definition_id text NOT NULL,
        activity_id text NOT NULL,
        activity_type text NOT NULL,
        parent_activity_instance_id text,
        state text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        removal_time timestamptz
      )`,
      `CREATE INDEX history_activity_instances_instance ON history_activity_instances (process_instance_id, started_at)`,
      `CREATE TABLE history_variable_updates (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        process_instance_id text NOT NULL,
        scope_key text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        value jsonb,
        value_info jsonb,
        updated_at timestamptz NOT NULL,
        removal_time timestamptz
      )`,
      `CREATE INDEX history_variable_updates_instance ON history_variable_updates (process_instance_id)`,
      `CREATE TABLE history_incidents (
        id text PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        process_instance_id text NOT NULL,
        element_id text NOT NULL,
        incident_type text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        resolved_at timestamptz,
        removal_time timestamptz
      )`,
      `CREATE INDEX history_incidents_instance ON history_incidents (process_instance_id)`,
      `CREATE TABLE history_operations (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        process_instance_id text,
        operation text NOT NULL,
        details jsonb,
        user_id text,
        at timestamptz NOT NULL DEFAULT now(),
        removal_time timestamptz
      )`,
      `CREATE INDEX history_operations_instance ON history_operations (process_instance_id)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'history_operations',
      'history_incidents',
      'history_variable_updates',
      'history_activity_instances',
      'history_process_instances',
      'incidents',
      'user_tasks',
      'buffered_messages',
      'event_subscriptions',
      'jobs',
      'variables',
      'process_instances',
      'decision_definitions',
      'process_definitions',
      'deployment_resources',
      'deployments',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

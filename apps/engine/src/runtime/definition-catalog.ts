import type { ExecutableProcess } from '#bpmn';
import type { EntityManager } from 'typeorm';

/** A deployed process definition as the runtime needs it. */
export interface RuntimeDefinition {
  id: string;
  tenantId: string;
  key: string;
  version: number;
  versionTag: string | null;
  deploymentId: string;
  historyTimeToLiveDays: number | null;
  suspended: boolean;
  process: ExecutableProcess;
}

interface DefinitionRow {
  id: string;
  tenant_id: string;
  key: string;
  version: number;
  version_tag: string | null;
  deployment_id: string;
  history_time_to_live_days: number | null;
  suspended: boolean;
  executable: ExecutableProcess;
}

/**
 * Finds deployed definitions; the executable form is parsed once at deploy time and cached here by id (a deployed
 * version never changes), so the hot path reads no XML and, after the first use, no definition row.
 */
export class DefinitionCatalog {
  private readonly byId = new Map<string, RuntimeDefinition>();

  async byIdOf(manager: EntityManager, tenantId: string, id: string): Promise<RuntimeDefinition | undefined> {
    const cached = this.byId.get(id);
    if (cached) return cached.tenantId === tenantId ? cached : undefined;
    const rows = (await manager.query(`${SELECT} WHERE id = $1 AND tenant_id = $2`, [
      id,
      tenantId,
    ])) as DefinitionRow[];
    return rows[0] ? this.remember(rows[0]) : undefined;
  }

  async latest(
    manager: EntityManager,
    tenantId: string,
    key: string,
  ): Promise<RuntimeDefinition | undefined> {
    return (await this.latestOf(manager, [{ tenantId, definitionKey: key }])).get(
      tenantScoped(tenantId, key),
    );
  }

  /**
   * The latest versions of several keys, in one query (every start asks this, so starts running together ask once):
   * the rows without their executable form, which is read (and parsed) once per version. Keyed by
   * {@link tenantScoped}(tenantId, key); a key without a definition is absent.
   */
  async latestOf(
    manager: EntityManager,
    keys: Array<{ tenantId: string; definitionKey: string }>,
  ): Promise<Map<string, RuntimeDefinition>> {
    const found = new Map<string, RuntimeDefinition>();
    if (keys.length === 0) return found;
    const distinct = [
      ...new Map(keys.map((key) => [tenantScoped(key.tenantId, key.definitionKey), key])).values(),
    ];
    const rows = (await manager.query(
      distinct.length === 1
        ? `${SELECT_WITHOUT_EXECUTABLE} WHERE tenant_id = $1 AND key = $2 ORDER BY version DESC LIMIT 1`
        : `SELECT DISTINCT ON (tenant_id, key) ${COLUMNS_WITHOUT_EXECUTABLE} FROM process_definitions
           WHERE (tenant_id, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
           ORDER BY tenant_id, key, version DESC`,
      distinct.length === 1
        ? [distinct[0].tenantId, distinct[0].definitionKey]
        : [distinct.map((key) => key.tenantId), distinct.map((key) => key.definitionKey)],
    )) as Array<Omit<DefinitionRow, 'executable'>>;
    for (const row of rows) {
      const definition = await this.withExecutable(manager, row);
      if (definition) found.set(tenantScoped(row.tenant_id, row.key), definition);
    }
    return found;
  }

  /**
   * A definition by id as it is now: its row read again (a version never changes, but it may have been suspended
   * or deleted since — perhaps by another process), its executable form from the cache.
   */
  async current(
    manager: EntityManager,
    tenantId: string,
    id: string,
  ): Promise<RuntimeDefinition | undefined> {
    const rows = (await manager.query(`${SELECT_WITHOUT_EXECUTABLE} WHERE id = $1 AND tenant_id = $2`, [
      id,
      tenantId,
    ])) as Array<Omit<DefinitionRow, 'executable'>>;
    return rows[0] ? this.withExecutable(manager, rows[0]) : undefined;
  }

  /** The row with its executable form: cached by id, read (and remembered) the first time. */
  private async withExecutable(
    manager: EntityManager,
    row: Omit<DefinitionRow, 'executable'>,
  ): Promise<RuntimeDefinition | undefined> {
    const executable =
      this.byId.get(row.id)?.process ??
      (
        (await manager.query(`SELECT executable FROM process_definitions WHERE id = $1`, [row.id])) as Array<
          Pick<DefinitionRow, 'executable'>
        >
      )[0]?.executable;
    return executable ? this.remember({ ...row, executable }) : undefined;
  }

  async byVersion(
    manager: EntityManager,
    tenantId: string,
    key: string,
    version: number,
  ): Promise<RuntimeDefinition | undefined> {
    const rows = (await manager.query(`${SELECT} WHERE key = $1 AND tenant_id = $2 AND version = $3`, [
      key,
      tenantId,
      version,
    ])) as DefinitionRow[];
    return rows[0] ? this.remember(rows[0]) : undefined;
  }

  async byVersionTag(
    manager: EntityManager,
    tenantId: string,
    key: string,
    tag: string,
  ): Promise<RuntimeDefinition | undefined> {
    const rows = (await manager.query(
      `${SELECT} WHERE key = $1 AND tenant_id = $2 AND version_tag = $3 ORDER BY version DESC LIMIT 1`,
      [key, tenantId, tag],
    )) as DefinitionRow[];
    return rows[0] ? this.remember(rows[0]) : undefined;
  }

  async inDeployment(
    manager: EntityManager,
    tenantId: string,
    key: string,
    deploymentId: string,
  ): Promise<RuntimeDefinition | undefined> {
    const rows = (await manager.query(`${SELECT} WHERE key = $1 AND tenant_id = $2 AND deployment_id = $3`, [
      key,
      tenantId,
      deploymentId,
    ])) as DefinitionRow[];
    return rows[0] ? this.remember(rows[0]) : undefined;
  }

  /** The latest version of every definition of a tenant whose process has a start event of this kind and name. */
  async startableBy(
    manager: EntityManager,
    tenantId: string,
    kind: 'message' | 'signal',
    name: string,
  ): Promise<Array<{ definition: RuntimeDefinition; startEventId: string }>> {
    const rows = (await manager.query(
      `${SELECT} d WHERE d.tenant_id = $1 AND d.suspended = false AND d.version = (
         SELECT max(version) FROM process_definitions l WHERE l.tenant_id = d.tenant_id AND l.key = d.key)`,
      [tenantId],
    )) as DefinitionRow[];
    const found: Array<{ definition: RuntimeDefinition; startEventId: string }> = [];
    for (const row of rows) {
      const definition = this.remember(row);
      for (const startEventId of definition.process.startEvents) {
        const start = definition.process.elements[startEventId];
        const triggers = start.eventDefinitions ?? (start.eventDefinition ? [start.eventDefinition] : []);
        const matches = triggers.some(
          (trigger) =>
            (kind === 'message' && trigger.kind === 'message' && trigger.messageName.source === name) ||
            (kind === 'signal' && trigger.kind === 'signal' && trigger.signalName.source === name),
        );
        if (matches) found.push({ definition, startEventId });
      }
    }
    return found;
  }

  private remember(row: DefinitionRow): RuntimeDefinition {
    const definition: RuntimeDefinition = {
      id: row.id,
      tenantId: row.tenant_id,
      key: row.key,
      version: row.version,
      versionTag: row.version_tag,
      deploymentId: row.deployment_id,
      historyTimeToLiveDays: row.history_time_to_live_days,
      suspended: row.suspended,
      process: row.executable,
    };
    this.byId.set(row.id, definition);
    return definition;
  }
}

const SELECT = `SELECT id, tenant_id, key, version, version_tag, deployment_id, history_time_to_live_days, suspended, executable
  FROM process_definitions`;

const COLUMNS_WITHOUT_EXECUTABLE = `id, tenant_id, key, version, version_tag, deployment_id, history_time_to_live_days, suspended`;

const SELECT_WITHOUT_EXECUTABLE = `SELECT ${COLUMNS_WITHOUT_EXECUTABLE} FROM process_definitions`;

/** A map key for something named within a tenant (a definition key, an idempotency key, an instance id). */
export function tenantScoped(tenantId: string, name: string): string {
  return `${tenantId}\u0000${name}`;
}

import { createHash, randomUUID } from 'node:crypto';
import { compileBpmn, compileDmn, type ExecutableProcess, type Finding } from '#bpmn';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeploymentCheck } from './deployment-check.js';

/** A file of a deployment, named as Camunda Modeler names it (`invoice.bpmn`, `rules.dmn`, `form.form`). */
export interface DeploymentFile {
  name: string;
  content: Buffer;
}

export interface DeploymentRequest {
  tenantId: string;
  name?: string;
  source?: string;
  /** Camunda's enable-duplicate-filtering: a resource unchanged since the last deployment of this name is skipped. */
  duplicateFiltering?: boolean;
  files: DeploymentFile[];
}

export interface DeployedProcessDefinition {
  id: string;
  key: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  resource: string;
  tenantId: string;
  deploymentId: string;
  /** Days the history of its ended instances is kept (`camunda:historyTimeToLive`); null: the engine's default. */
  historyTimeToLiveDays: number | null;
}

export interface DeployedDecisionDefinition {
  id: string;
  key: string;
  version: number;
  name: string | null;
  resource: string;
  tenantId: string;
  deploymentId: string;
  decisionRequirementsDefinitionKey: string;
}

export interface DeploymentOutcome {
  id: string;
  name: string | null;
  source: string | null;
  tenantId: string;
  deployedAt: Date;
  processDefinitions: DeployedProcessDefinition[];
  decisionDefinitions: DeployedDecisionDefinition[];
}

/** The deployment was refused: every finding of every resource, by resource name. */
export class DeploymentRejectedError extends Error {
  constructor(readonly findingsByResource: Record<string, Finding[]>) {
    const count = Object.values(findingsByResource).reduce(
      (sum, findings) => sum + findings.filter((finding) => finding.severity === 'error').length,
      0,
    );
    super(`The deployment was refused: ${count} error(s) in ${Object.keys(findingsByResource).join(', ')}`);
  }
}

/**
 * Deploys models: validates every BPMN and DMN file (refusing the whole deployment when one has an error), stores
 * the resources, and gives every process and decision a new version — its executable form compiled once, here.
 */
export class DeploymentService {
  constructor(
    private readonly dataSource: DataSource,
    /** Rules of whoever runs the models (the engine's connector ids), applied to every compiled process. */
    private readonly checks: readonly DeploymentCheck[] = [],
  ) {}

  async deploy(request: DeploymentRequest): Promise<DeploymentOutcome> {
    const compiled = await this.compileAll(request.files);
    return this.dataSource.transaction((manager) => this.store(manager, request, compiled));
  }

  private async compileAll(files: DeploymentFile[]) {
    const findingsByResource: Record<string, Finding[]> = {};
    const processes: Array<{ file: DeploymentFile; checksum: string; processes: ExecutableProcess[] }> = [];
    const decisions: Array<{
      file: DeploymentFile;
      checksum: string;
      model: NonNullable<Awaited<ReturnType<typeof compileDmn>>['model']>;
    }> = [];
    let failed = false;
    for (const file of files) {
      const checksum = createHash('sha256').update(file.content).digest('hex');
      const text = file.content.toString('utf8');
      if (/\.bpmn(20\.xml)?$/i.test(file.name)) {
        const { model, findings } = await compileBpmn(text);
        const checked = (model?.processes ?? []).flatMap((process) =>
          this.checks.flatMap((check) => check.checkProcess(process, file.name)),
        );
        findingsByResource[file.name] = [...findings, ...checked];
        if (!model || checked.some((finding) => finding.severity === 'error')) failed = true;
        else processes.push({ file, checksum, processes: model.processes });
      } else if (/\.dmn(11\.xml)?$/i.test(file.name)) {
        const { model, findings } = await compileDmn(text);
        findingsByResource[file.name] = findings;
        if (!model) failed = true;
        else decisions.push({ file, checksum, model });
      }
    }
    if (failed) throw new DeploymentRejectedError(findingsByResource);
    return { processes, decisions };
  }

  private async store(
    manager: EntityManager,
    request: DeploymentRequest,
    compiled: Awaited<ReturnType<DeploymentService['compileAll']>>,
  ): Promise<DeploymentOutcome> {
    const tenantId = request.tenantId;
    const unchanged = request.duplicateFiltering
      ? await this.unchangedResources(manager, request)
      : new Set<string>();
    const deploymentId = randomUUID();
    const deployedAt = new Date();
    await manager.query(
      `INSERT INTO deployments (id, tenant_id, name, source, deployed_at) VALUES ($1, $2, $3, $4, $5)`,
      [deploymentId, tenantId, request.name ?? null, request.source ?? null, deployedAt],
    );
    for (const file of request.files) {
      await manager.query(
        `INSERT INTO deployment_resources (id, deployment_id, tenant_id, name, content, checksum) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          randomUUID(),
          deploymentId,
          tenantId,
          file.name,
          file.content,
          createHash('sha256').update(file.content).digest('hex'),
        ],
      );
    }
    const processDefinitions: DeployedProcessDefinition[] = [];
    for (const resource of compiled.processes) {
      if (unchanged.has(`${resource.file.name}\u0000${resource.checksum}`)) continue;
      for (const process of resource.processes) {
        const version = await this.nextVersion(manager, 'process_definitions', tenantId, process.id);
        const id = `${process.id}:${version}:${randomUUID()}`;
        await manager.query(
          `INSERT INTO process_definitions (id, tenant_id, key, version, version_tag, name, deployment_id, resource_name, checksum,
             executable, history_time_to_live_days)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            id,
            tenantId,
            process.id,
            version,
            process.versionTag ?? null,
            process.name ?? null,
            deploymentId,
            resource.file.name,
            resource.checksum,
            JSON.stringify(process),
            historyDays(process.historyTimeToLive),
          ],
        );
        processDefinitions.push({
          id,
          key: process.id,
          version,
          name: process.name ?? null,
          versionTag: process.versionTag ?? null,
          resource: resource.file.name,
          tenantId,
          deploymentId,
          historyTimeToLiveDays: historyDays(process.historyTimeToLive),
        });
      }
    }
    const decisionDefinitions: DeployedDecisionDefinition[] = [];
    for (const resource of compiled.decisions) {
      if (unchanged.has(`${resource.file.name}\u0000${resource.checksum}`)) continue;
      for (const decision of Object.values(resource.model.decisions)) {
        const version = await this.nextVersion(manager, 'decision_definitions', tenantId, decision.id);
        const id = `${decision.id}:${version}:${randomUUID()}`;
        await manager.query(
          `INSERT INTO decision_definitions (id, tenant_id, key, version, name, deployment_id, resource_name, decision_requirements_key,
             checksum, executable, version_tag)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            id,
            tenantId,
            decision.id,
            version,
            decision.name ?? null,
            deploymentId,
            resource.file.name,
            resource.model.id,
            resource.checksum,
            JSON.stringify(resource.model),
            decision.versionTag ?? null,
          ],
        );
        decisionDefinitions.push({
          id,
          key: decision.id,
          version,
          name: decision.name ?? null,
          resource: resource.file.name,
          tenantId,
          deploymentId,
          decisionRequirementsDefinitionKey: resource.model.id,
        });
      }
    }
    return {
      id: deploymentId,
      name: request.name ?? null,
      source: request.source ?? null,
      tenantId,
      deployedAt,
      processDefinitions,
      decisionDefinitions,
    };
  }

  /** Resources (name and checksum) of the latest deployment with the same name, for duplicate filtering. */
  private async unchangedResources(manager: EntityManager, request: DeploymentRequest): Promise<Set<string>> {
    const rows = (await manager.query(
      `SELECT r.name, r.checksum FROM deployment_resources r
       WHERE r.deployment_id = (SELECT id FROM deployments WHERE tenant_id = $1 AND name IS NOT DISTINCT FROM $2
                                ORDER BY deployed_at DESC LIMIT 1)`,
      [request.tenantId, request.name ?? null],
    )) as Array<{ name: string; checksum: string }>;
    return new Set(rows.map((row) => `${row.name}\u0000${row.checksum}`));
  }

  private async nextVersion(
    manager: EntityManager,
    table: 'process_definitions' | 'decision_definitions',
    tenantId: string,
    key: string,
  ): Promise<number> {
    // Serialises concurrent deployments of one key so versions never collide.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${table}:${tenantId}:${key}`]);
    const rows = (await manager.query(
      `SELECT coalesce(max(version), 0) AS version FROM ${table} WHERE tenant_id = $1 AND key = $2`,
      [tenantId, key],
    )) as Array<{ version: number | string }>;
    return Number(rows[0]?.version ?? 0) + 1;
  }
}

/** `camunda:historyTimeToLive` is days (`180`) or a duration in days (`P180D`). */
function historyDays(value: string | undefined): number | null {
  if (!value) return null;
  const match = /^(?:P(\d+)D|(\d+))$/.exec(value.trim());
  return match ? Number(match[1] ?? match[2]) : null;
}

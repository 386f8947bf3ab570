import { createHash, randomUUID } from 'node:crypto';
import { compileDmn, type ExecutableDecisions, type ExecutableProcess, type Finding } from '#bpmn';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_MAX_RESOURCE_BYTES,
  ModelValidationService,
} from '../validation/model-validation.service.js';
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
  /**
   * Camunda's enable-duplicate-filtering: when no resource changed since the deployments of this name (and source),
   * nothing is deployed and the latest such deployment is answered; when one changed, everything is deployed.
   */
  duplicateFiltering?: boolean;
  /** Camunda's deploy-changed-only (implies duplicate filtering): only the changed resources are deployed. */
  deployChangedOnly?: boolean;
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
  versionTag: string | null;
  deploymentId: string;
  /** The DRD deployed with it; null when its document has a single decision (Camunda deploys no DRD then). */
  decisionRequirementsDefinitionId: string | null;
  decisionRequirementsDefinitionKey: string | null;
}

/** A DMN document with more than one decision, deployed as Camunda's decision requirements definition. */
export interface DeployedDecisionRequirementsDefinition {
  id: string;
  key: string;
  version: number;
  name: string | null;
  resource: string;
  tenantId: string;
  deploymentId: string;
}

export interface DeploymentOutcome {
  id: string;
  name: string | null;
  source: string | null;
  tenantId: string;
  deployedAt: Date;
  processDefinitions: DeployedProcessDefinition[];
  decisionDefinitions: DeployedDecisionDefinition[];
  decisionRequirementsDefinitions: DeployedDecisionRequirementsDefinition[];
  /** Each validated resource's findings — warnings only, errors refuse the deployment —, by resource name. */
  findingsByResource?: Record<string, Finding[]>;
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
    checks: readonly DeploymentCheck[] = [],
    /** What every resource must pass (the designer-api's, with its size limit and these checks). */
    private readonly validation = new ModelValidationService(DEFAULT_MAX_RESOURCE_BYTES, checks),
  ) {}

  async deploy(request: DeploymentRequest): Promise<DeploymentOutcome> {
    const compiled = await this.compileAll(request.files);
    const outcome = await this.dataSource.transaction((manager) => this.store(manager, request, compiled));
    return { ...outcome, findingsByResource: compiled.findingsByResource };
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
      const checksum = checksumOf(file.content);
      // Screening, the core's validation, the checks and bpmnlint: the same report POST /api/validate gives.
      const validation = await this.validation.validateResource(file);
      findingsByResource[file.name] = validation.findings;
      if (validation.findings.some((finding) => finding.severity === 'error')) failed = true;
      else if (validation.processes) processes.push({ file, checksum, processes: validation.processes });
      else if (validation.decisions) decisions.push({ file, checksum, model: validation.decisions });
    }
    if (failed) throw new DeploymentRejectedError(findingsByResource);
    return { processes, decisions, findingsByResource };
  }

  private async store(
    manager: EntityManager,
    request: DeploymentRequest,
    compiled: Awaited<ReturnType<DeploymentService['compileAll']>>,
  ): Promise<DeploymentOutcome> {
    const tenantId = request.tenantId;
    const toDeploy = request.duplicateFiltering
      ? await this.resourcesToDeploy(manager, request)
      : new Set(request.files.map((file) => file.name));
    if (toDeploy.size === 0) {
      const existing = await this.latestDeploymentNamed(manager, request);
      if (existing) return existing;
    }
    const deploymentId = randomUUID();
    const deployedAt = new Date();
    await manager.query(
      `INSERT INTO deployments (id, tenant_id, name, source, deployed_at) VALUES ($1, $2, $3, $4, $5)`,
      [deploymentId, tenantId, request.name ?? null, request.source ?? null, deployedAt],
    );
    for (const file of request.files.filter((candidate) => toDeploy.has(candidate.name))) {
      await manager.query(
        `INSERT INTO deployment_resources (id, deployment_id, tenant_id, name, content, checksum) VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), deploymentId, tenantId, file.name, file.content, checksumOf(file.content)],
      );
    }
    const processDefinitions: DeployedProcessDefinition[] = [];
    for (const resource of compiled.processes) {
      if (!toDeploy.has(resource.file.name)) continue;
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
    const decisionRequirementsDefinitions: DeployedDecisionRequirementsDefinition[] = [];
    for (const resource of compiled.decisions) {
      if (!toDeploy.has(resource.file.name)) continue;
      const requirements = await this.decisionRequirementsOf(manager, resource, tenantId, deploymentId);
      if (requirements) decisionRequirementsDefinitions.push(requirements);
      for (const decision of Object.values(resource.model.decisions)) {
        const version = await this.nextVersion(manager, 'decision_definitions', tenantId, decision.id);
        const id = `${decision.id}:${version}:${randomUUID()}`;
        await manager.query(
          `INSERT INTO decision_definitions (id, tenant_id, key, version, name, deployment_id, resource_name, decision_requirements_key,
             checksum, executable, version_tag, decision_requirements_id, decision_requirements_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
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
            requirements?.id ?? null,
            requirements?.version ?? null,
          ],
        );
        decisionDefinitions.push({
          id,
          key: decision.id,
          version,
          name: decision.name ?? null,
          versionTag: decision.versionTag ?? null,
          resource: resource.file.name,
          tenantId,
          deploymentId,
          decisionRequirementsDefinitionId: requirements?.id ?? null,
          decisionRequirementsDefinitionKey: requirements?.key ?? null,
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
      decisionRequirementsDefinitions,
    };
  }

  /**
   * Camunda 7's duplicate filtering: each resource is compared with the latest resource of its name among the
   * deployments of the same name, source and tenant. Unchanged everywhere: nothing is deployed. Otherwise, with
   * deploy-changed-only, the changed (and new) resources; without it, every resource of the request.
   */
  private async resourcesToDeploy(manager: EntityManager, request: DeploymentRequest): Promise<Set<string>> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (r.name) r.name, r.checksum FROM deployment_resources r
         JOIN deployments d ON d.id = r.deployment_id
       WHERE d.tenant_id = $1 AND d.name IS NOT DISTINCT FROM $2 AND d.source IS NOT DISTINCT FROM $3
         AND r.name = ANY($4)
       ORDER BY r.name, d.deployed_at DESC`,
      [
        request.tenantId,
        request.name ?? null,
        request.source ?? null,
        request.files.map((file) => file.name),
      ],
    )) as Array<{ name: string; checksum: string }>;
    const deployed = new Map(rows.map((row) => [row.name, row.checksum]));
    const changed = request.files
      .filter((file) => deployed.get(file.name) !== checksumOf(file.content))
      .map((file) => file.name);
    if (changed.length === 0) return new Set();
    return new Set(request.deployChangedOnly ? changed : request.files.map((file) => file.name));
  }

  /** What a deployment that changed nothing answers (as Camunda): the latest deployment of that name, no definitions. */
  private async latestDeploymentNamed(
    manager: EntityManager,
    request: DeploymentRequest,
  ): Promise<DeploymentOutcome | undefined> {
    const rows = (await manager.query(
      `SELECT id, name, source, tenant_id, deployed_at FROM deployments
       WHERE tenant_id = $1 AND name IS NOT DISTINCT FROM $2 AND source IS NOT DISTINCT FROM $3
       ORDER BY deployed_at DESC LIMIT 1`,
      [request.tenantId, request.name ?? null, request.source ?? null],
    )) as Array<{
      id: string;
      name: string | null;
      source: string | null;
      tenant_id: string;
      deployed_at: Date;
    }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      source: row.source,
      tenantId: row.tenant_id,
      deployedAt: new Date(row.deployed_at),
      processDefinitions: [],
      decisionDefinitions: [],
      decisionRequirementsDefinitions: [],
    };
  }

  /**
   * The decision requirements definition of a DMN document with more than one decision, at its next version; none
   * for a single decision (Camunda deploys no DRD for one).
   */
  private async decisionRequirementsOf(
    manager: EntityManager,
    resource: { file: DeploymentFile; model: ExecutableDecisions },
    tenantId: string,
    deploymentId: string,
  ): Promise<DeployedDecisionRequirementsDefinition | undefined> {
    if (Object.keys(resource.model.decisions).length < 2) return undefined;
    const key = resource.model.id;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `decision_requirements:${tenantId}:${key}`,
    ]);
    const rows = (await manager.query(
      `SELECT coalesce(max(decision_requirements_version), 0) AS version FROM decision_definitions
       WHERE tenant_id = $1 AND decision_requirements_key = $2`,
      [tenantId, key],
    )) as Array<{ version: number | string }>;
    const version = Number(rows[0]?.version ?? 0) + 1;
    return {
      id: `${key}:${version}:${randomUUID()}`,
      key,
      version,
      name: resource.model.name ?? null,
      resource: resource.file.name,
      tenantId,
      deploymentId,
    };
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

function checksumOf(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** `camunda:historyTimeToLive` is days (`180`) or a duration in days (`P180D`). */
function historyDays(value: string | undefined): number | null {
  if (!value) return null;
  const match = /^(?:P(\d+)D|(\d+))$/.exec(value.trim());
  return match ? Number(match[1] ?? match[2]) : null;
}

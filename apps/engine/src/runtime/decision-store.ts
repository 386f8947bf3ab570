import type { DecisionBinding, DecisionLookup, ExecutableDecisions } from '#bpmn';
import type { EntityManager } from 'typeorm';
import type { RuntimeDefinition } from './definition-catalog.js';

interface DecisionRow {
  key: string;
  version: number;
  deployment_id: string;
  version_tag: string | null;
  executable: ExecutableDecisions;
}

/**
 * Deployed DMN decisions for business rule tasks. The core asks synchronously, so before a command on a process
 * that evaluates decisions the runtime reads its tenant's decisions (cheap: a municipality has a handful) and the
 * lookup answers from that read — always the versions deployed when the command ran.
 */
export class DecisionStore {
  private readonly usesDecisions = new Map<string, boolean>();

  /** Whether the definition has business rule tasks that evaluate a decision (checked once per definition). */
  needsDecisions(definition: RuntimeDefinition): boolean {
    let uses = this.usesDecisions.get(definition.id);
    if (uses === undefined) {
      uses = Object.values(definition.process.elements).some((element) => element.decision !== undefined);
      this.usesDecisions.set(definition.id, uses);
    }
    return uses;
  }

  /** A lookup over the tenant's decisions as deployed now, resolving bindings against the definition's deployment. */
  async lookupFor(manager: EntityManager, definition: RuntimeDefinition): Promise<DecisionLookup> {
    const rows = (await manager.query(
      `SELECT key, version, deployment_id, version_tag, executable FROM decision_definitions WHERE tenant_id = $1`,
      [definition.tenantId],
    )) as DecisionRow[];
    return {
      find(decisionId: string, binding: DecisionBinding): ExecutableDecisions | undefined {
        const versions = rows.filter((row) => row.key === decisionId);
        switch (binding.type) {
          case 'deployment':
            return versions.find((row) => row.deployment_id === definition.deploymentId)?.executable;
          case 'version':
            return versions.find((row) => row.version === binding.version)?.executable;
          case 'versionTag':
            // The latest version carrying the tag (Camunda 7 would refuse two versions with one tag; we take the newest).
            return versions
              .filter((row) => row.version_tag === binding.versionTag)
              .sort((a, b) => b.version - a.version)[0]?.executable;
          default:
            return versions.sort((a, b) => b.version - a.version)[0]?.executable;
        }
      },
    };
  }
}

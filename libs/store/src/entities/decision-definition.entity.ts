import type { ExecutableDecisions } from '#bpmn';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A deployed version of one decision, with the compiled DMN document (its requirements graph) it belongs to. */
@Entity({ name: 'decision_definitions' })
export class DecisionDefinitionEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  /** The DMN decision id; unique per tenant together with `version`. */
  @Column({ name: 'key', type: 'text' })
  key!: string;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'name', type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'deployment_id', type: 'uuid' })
  deploymentId!: string;

  @Column({ name: 'resource_name', type: 'text' })
  resourceName!: string;

  /** `camunda:versionTag` of the decision, for `decisionRefBinding="versionTag"`. */
  @Column({ name: 'version_tag', type: 'text', nullable: true })
  versionTag!: string | null;

  /** The id of the DMN definitions (Camunda's decision requirements definition key). */
  @Column({ name: 'decision_requirements_key', type: 'text' })
  decisionRequirementsKey!: string;

  /** The decision requirements definition deployed with it; null when its document has a single decision. */
  @Column({ name: 'decision_requirements_id', type: 'text', nullable: true })
  decisionRequirementsId!: string | null;

  @Column({ name: 'decision_requirements_version', type: 'integer', nullable: true })
  decisionRequirementsVersion!: number | null;

  @Column({ name: 'checksum', type: 'text' })
  checksum!: string;

  /** The whole compiled DMN document, so required decisions evaluate from the same row (see `DecisionLookup`). */
  @Column({ name: 'executable', type: 'jsonb' })
  executable!: ExecutableDecisions;
}

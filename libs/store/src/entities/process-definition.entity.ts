import type { ExecutableProcess } from '#bpmn';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A deployed version of a process: its executable form, compiled once at deploy time. */
@Entity({ name: 'process_definitions' })
export class ProcessDefinitionEntity {
  /** Camunda's definition id, `<key>:<version>:<unique part>`. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  /** The BPMN process id; unique per tenant together with `version`. */
  @Column({ name: 'key', type: 'text' })
  key!: string;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'version_tag', type: 'text', nullable: true })
  versionTag!: string | null;

  @Column({ name: 'name', type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'deployment_id', type: 'uuid' })
  deploymentId!: string;

  @Column({ name: 'resource_name', type: 'text' })
  resourceName!: string;

  @Column({ name: 'checksum', type: 'text' })
  checksum!: string;

  /** The core's executable model of this process: the runtime never parses XML again. */
  @Column({ name: 'executable', type: 'jsonb' })
  executable!: ExecutableProcess;

  @Column({ name: 'history_time_to_live_days', type: 'integer', nullable: true })
  historyTimeToLiveDays!: number | null;

  @Column({ name: 'suspended', type: 'boolean', default: false })
  suspended!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A deployment: one or more resources (BPMN, DMN, forms) deployed together. */
@Entity({ name: 'deployments' })
export class DeploymentEntity {
  /** Chosen by the caller (a random UUID), so the row can be referenced before it is saved. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'name', type: 'text', nullable: true })
  name!: string | null;

  /** Camunda's deployment source (e.g. "Camunda Modeler"). */
  @Column({ name: 'source', type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'deployed_at', type: 'timestamptz', default: () => 'now()' })
  deployedAt!: Date;
}

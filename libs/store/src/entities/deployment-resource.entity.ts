import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One file of a deployment, kept byte for byte as it was uploaded. */
@Entity({ name: 'deployment_resources' })
export class DeploymentResourceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'deployment_id', type: 'uuid' })
  deploymentId!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  /** `pg` reads bytea as a Buffer, PGlite as a Uint8Array: both are Uint8Arrays. */
  @Column({ name: 'content', type: 'bytea' })
  content!: Uint8Array;

  @Column({ name: 'checksum', type: 'text' })
  checksum!: string;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A start sent with an `Idempotency-Key`: the instance it started, so a retried start answers that one. */
@Entity({ name: 'idempotent_starts' })
export class IdempotentStartEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @PrimaryColumn({ name: 'key', type: 'text' })
  key!: string;

  @Column({ name: 'process_instance_id', type: 'text' })
  processInstanceId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

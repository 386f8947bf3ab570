import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Haendelsesbesked the Beskedfordeler consumer handled: how, and which instance it started or reached. */
@Entity({ name: 'beskedfordeler_messages' })
export class BeskedfordelerMessageEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @PrimaryColumn({ name: 'besked_id', type: 'text' })
  beskedId!: string;

  @Column({ name: 'beskedtype', type: 'text' })
  beskedtype!: string;

  /** `started` or `correlated`. */
  @Column({ name: 'handled_as', type: 'text' })
  handledAs!: string;

  @Column({ name: 'process_instance_id', type: 'text', nullable: true })
  processInstanceId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A LoRA notification the engine has correlated a message for: a redelivery of it is not correlated again. */
@Entity({ name: 'lora_reaction_receipts' })
export class LoraReactionReceiptEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  /** `lora-notification:<notification id>:<message name>`. */
  @PrimaryColumn({ name: 'key', type: 'text' })
  key!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}

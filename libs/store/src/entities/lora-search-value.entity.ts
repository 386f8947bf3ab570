import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A searchable value of a LoRA registration, lower-cased, with its virkning period (NULL ends: unbounded). */
@Entity({ name: 'lora_search_values' })
export class LoraSearchValueEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'registration_id', type: 'bigint' })
  registrationId!: string;

  /** `attribut`, `tilstand`, `relation` or `notetekst`. */
  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'value', type: 'text' })
  value!: string;

  @Column({ name: 'objekttype', type: 'text', nullable: true })
  objekttype!: string | null;

  @Column({ name: 'virkning_from', type: 'timestamptz', nullable: true })
  virkningFrom!: Date | null;

  @Column({ name: 'virkning_to', type: 'timestamptz', nullable: true })
  virkningTo!: Date | null;
}

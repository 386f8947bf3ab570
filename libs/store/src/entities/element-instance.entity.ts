import { ViewColumn, ViewEntity } from 'typeorm';

/**
 * An element instance that is active now: a row of the view `element_instances` over the open history activity
 * instances (the migration defines it; the runtime writes those rows in the same transaction as the state).
 */
@ViewEntity({ name: 'element_instances', synchronize: false })
export class ElementInstanceEntity {
  @ViewColumn()
  id!: string;

  @ViewColumn({ name: 'tenant_id' })
  tenantId!: string;

  @ViewColumn({ name: 'process_instance_id' })
  processInstanceId!: string;

  @ViewColumn({ name: 'definition_id' })
  definitionId!: string;

  @ViewColumn({ name: 'element_id' })
  elementId!: string;

  @ViewColumn({ name: 'element_type' })
  elementType!: string;

  @ViewColumn({ name: 'parent_element_instance_id' })
  parentElementInstanceId!: string | null;

  @ViewColumn({ name: 'started_at' })
  startedAt!: Date;
}

/**
 * The engine's PostgreSQL store, shared by apps/engine and apps/designer-api: TypeORM entities for every table,
 * the migrations that make the schema, and a data source over PostgreSQL (`pg`) or embedded PGlite. Entities stay
 * in the persistence layer: map them to the core's plain types at the boundary.
 */
export {
  createStoreDataSource,
  runMigrations,
  redactUrl,
  DEFAULT_EMBEDDED_DATA_DIR,
  IN_MEMORY_DATA_DIR,
  type StoreDataSourceOptions,
} from './store-data-source.js';
export { storeOptionsFromEnvironment } from './store-environment.js';
export { migrateStore } from './migrate-command.js';
export { STORE_ENTITIES, STORE_TABLE_ENTITIES } from './store-entities.js';
export { STORE_MIGRATIONS } from './store-migrations.js';
export { returnedRows } from './returned-rows.js';
export { DeploymentEntity } from './entities/deployment.entity.js';
export { DeploymentResourceEntity } from './entities/deployment-resource.entity.js';
export { ProcessDefinitionEntity } from './entities/process-definition.entity.js';
export { DecisionDefinitionEntity } from './entities/decision-definition.entity.js';
export { ProcessInstanceEntity } from './entities/process-instance.entity.js';
export { VariableEntity } from './entities/variable.entity.js';
export { JobEntity } from './entities/job.entity.js';
export { EventSubscriptionEntity } from './entities/event-subscription.entity.js';
export { BufferedMessageEntity } from './entities/buffered-message.entity.js';
export { UserTaskEntity } from './entities/user-task.entity.js';
export { IncidentEntity } from './entities/incident.entity.js';
export { HistoryProcessInstanceEntity } from './entities/history-process-instance.entity.js';
export { HistoryActivityInstanceEntity } from './entities/history-activity-instance.entity.js';
export { HistoryVariableUpdateEntity } from './entities/history-variable-update.entity.js';
export { HistoryIncidentEntity } from './entities/history-incident.entity.js';
export { HistoryOperationEntity } from './entities/history-operation.entity.js';
export { IdempotentStartEntity } from './entities/idempotent-start.entity.js';
export { ElementInstanceEntity } from './entities/element-instance.entity.js';
export { LoraRegistrationEntity } from './entities/lora-registration.entity.js';
export { LoraSearchValueEntity } from './entities/lora-search-value.entity.js';
export { LoraDocumentContentEntity } from './entities/lora-document-content.entity.js';
export { LoraNotificationEntity } from './entities/lora-notification.entity.js';
export { LoraReactionReceiptEntity } from './entities/lora-reaction-receipt.entity.js';
export { BeskedfordelerMessageEntity } from './entities/beskedfordeler-message.entity.js';

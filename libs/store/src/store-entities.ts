import { BufferedMessageEntity } from './entities/buffered-message.entity.js';
import { DecisionDefinitionEntity } from './entities/decision-definition.entity.js';
import { DeploymentResourceEntity } from './entities/deployment-resource.entity.js';
import { DeploymentEntity } from './entities/deployment.entity.js';
import { ElementInstanceEntity } from './entities/element-instance.entity.js';
import { EventSubscriptionEntity } from './entities/event-subscription.entity.js';
import { HistoryActivityInstanceEntity } from './entities/history-activity-instance.entity.js';
import { HistoryIncidentEntity } from './entities/history-incident.entity.js';
import { HistoryOperationEntity } from './entities/history-operation.entity.js';
import { HistoryProcessInstanceEntity } from './entities/history-process-instance.entity.js';
import { HistoryVariableUpdateEntity } from './entities/history-variable-update.entity.js';
import { IdempotentStartEntity } from './entities/idempotent-start.entity.js';
import { IncidentEntity } from './entities/incident.entity.js';
import { JobEntity } from './entities/job.entity.js';
import { LoraDocumentContentEntity } from './entities/lora-document-content.entity.js';
import { LoraNotificationEntity } from './entities/lora-notification.entity.js';
import { LoraReactionReceiptEntity } from './entities/lora-reaction-receipt.entity.js';
import { BeskedfordelerMessageEntity } from './entities/beskedfordeler-message.entity.js';
import { LoraRegistrationEntity } from './entities/lora-registration.entity.js';
import { LoraSearchValueEntity } from './entities/lora-search-value.entity.js';
import { ProcessDefinitionEntity } from './entities/process-definition.entity.js';
import { ProcessInstanceEntity } from './entities/process-instance.entity.js';
import { UserTaskEntity } from './entities/user-task.entity.js';
import { VariableEntity } from './entities/variable.entity.js';

/** Every entity of the store, one per table of the migrations; listed, not globbed (ESM and .ts sources). */
export const STORE_ENTITIES = [
  DeploymentEntity,
  DeploymentResourceEntity,
  ProcessDefinitionEntity,
  DecisionDefinitionEntity,
  ProcessInstanceEntity,
  VariableEntity,
  JobEntity,
  EventSubscriptionEntity,
  BufferedMessageEntity,
  UserTaskEntity,
  IncidentEntity,
  HistoryProcessInstanceEntity,
  HistoryActivityInstanceEntity,
  HistoryVariableUpdateEntity,
  HistoryIncidentEntity,
  HistoryOperationEntity,
  IdempotentStartEntity,
  ElementInstanceEntity,
  LoraRegistrationEntity,
  LoraSearchValueEntity,
  LoraDocumentContentEntity,
  LoraNotificationEntity,
  LoraReactionReceiptEntity,
  BeskedfordelerMessageEntity,
] as const;

/** The entities of tables (rows can be written), without the views. */
export const STORE_TABLE_ENTITIES = STORE_ENTITIES.filter((entity) => entity !== ElementInstanceEntity);

import { InitialSchema1764460800000 } from './migrations/1764460800000-initial-schema.js';
import { IdempotentStartsElementInstances1764547200000 } from './migrations/1764547200000-idempotent-starts-element-instances.js';
import { HistoryVariableDeletions1764547200001 } from './migrations/1764547200001-history-variable-deletions.js';
import { MessageBufferAndIncidentHistory1764547200002 } from './migrations/1764547200002-message-buffer-and-incident-history.js';
import { UserTaskExecution1764547200003 } from './migrations/1764547200003-user-task-execution.js';
import { DecisionRequirementsDefinitions1764633600001 } from './migrations/1764633600001-decision-requirements-definitions.js';
import { LoraRegistrations1764633600003 } from './migrations/1764633600003-lora-registrations.js';
import { LoraDocumentContents1764633600004 } from './migrations/1764633600004-lora-document-contents.js';
import { LoraNotifications1764720000001 } from './migrations/1764720000001-lora-notifications.js';
import { BeskedfordelerMessages1764720000003 } from './migrations/1764720000003-beskedfordeler-messages.js';
import { LoraNotificationsRetention1764806400001 } from './migrations/1764806400001-lora-notifications-retention.js';
import { LoraReactionReceipts1764806400002 } from './migrations/1764806400002-lora-reaction-receipts.js';
import { LoraRegistrationSearchOrder1764806400003 } from './migrations/1764806400003-lora-registration-search-order.js';
import { LoraSearchValuesStatistics1764806400004 } from './migrations/1764806400004-lora-search-values-statistics.js';

/** The schema's migrations in the order they apply; a new migration is added here (no globs: ESM and .ts). */
export const STORE_MIGRATIONS = [
  InitialSchema1764460800000,
  IdempotentStartsElementInstances1764547200000,
  HistoryVariableDeletions1764547200001,
  MessageBufferAndIncidentHistory1764547200002,
  UserTaskExecution1764547200003,
  DecisionRequirementsDefinitions1764633600001,
  LoraRegistrations1764633600003,
  LoraDocumentContents1764633600004,
  LoraNotifications1764720000001,
  BeskedfordelerMessages1764720000003,
  LoraNotificationsRetention1764806400001,
  LoraReactionReceipts1764806400002,
  LoraRegistrationSearchOrder1764806400003,
  LoraSearchValuesStatistics1764806400004,
] as const;

import { InitialSchema1764460800000 } from './migrations/1764460800000-initial-schema.js';
import { IdempotentStartsElementInstances1764547200000 } from './migrations/1764547200000-idempotent-starts-element-instances.js';
import { HistoryVariableDeletions1764547200001 } from './migrations/1764547200001-history-variable-deletions.js';
import { MessageBufferAndIncidentHistory1764547200002 } from './migrations/1764547200002-message-buffer-and-incident-history.js';
import { UserTaskExecution1764547200003 } from './migrations/1764547200003-user-task-execution.js';

/** The schema's migrations in the order they apply; a new migration is added here (no globs: ESM and .ts). */
export const STORE_MIGRATIONS = [
  InitialSchema1764460800000,
  IdempotentStartsElementInstances1764547200000,
  HistoryVariableDeletions1764547200001,
  MessageBufferAndIncidentHistory1764547200002,
  UserTaskExecution1764547200003,
] as const;

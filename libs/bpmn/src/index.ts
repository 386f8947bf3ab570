/**
 * The pure BPMN core: parse → validate → executable model → execution semantics. It does no I/O and knows no
 * framework; time comes in through {@link ExecutionEnvironment}, ids derive from the instance's state.
 */
export { compileBpmn } from './validate/compile-bpmn.js';
export type { CompileResult } from './validate/compile-model.js';
export type { Finding } from './validate/finding.js';
export type {
  ExecutableModel,
  ExecutableProcess,
  ExecutableElement,
  ElementType,
  EventDefinition,
  SequenceFlow,
} from './model/executable-model.js';
export type { Expression } from './model/expression.js';
export { VALUE_TYPES, typedValueOf, typedVariablesOf, plainValuesOf } from './model/typed-value.js';
export type { TypedValue, ValueType, VariableMap } from './model/typed-value.js';
export { ProcessExecutor, type StepResult } from './runtime/process-executor.js';
export type { ExecutionEnvironment } from './runtime/execution.js';
export type { Command } from './runtime/commands.js';
export { CommandRejectedError } from './runtime/command-rejected.js';
export type { CommandResult, Effect, TraceEvent } from './runtime/effects.js';
export type {
  ProcessInstanceState,
  ElementInstance,
  Wait,
  WaitKind,
  Incident,
  IncidentType,
  InstanceStatus,
} from './runtime/instance-state.js';
export { maskPersonalData } from './runtime/incident-text.js';
export { parseTimer, firstDue, nextDue, TimerDefinitionError, type TimerSchedule } from './timers/index.js';

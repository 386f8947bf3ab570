/**
 * The pure BPMN core: parse → validate → executable model → execution semantics. It does no I/O and knows no
 * framework; time comes in through {@link ExecutionEnvironment}, ids derive from the instance's state.
 */
export { compileBpmn } from './validate/compile-bpmn.js';
export { parseBpmn, CAMUNDA8_NAMESPACE, type ParsedBpmn, type ParseOutcome } from './parse/parse-bpmn.js';
export { positionOf } from './parse/xml-findings.js';
export { attr, child, children, extensions, bodyOf, describeElement } from './validate/moddle-access.js';
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
export type { DecisionDefinition } from './model/executable-model.js';
export { compileDmn, type DmnCompileResult } from './dmn/compile-dmn.js';
export { evaluateDecision, type DecisionEvaluation } from './dmn/evaluate-decision.js';
export {
  mapDecisionResult,
  type DecisionResult,
  type DecisionResultMapping,
  type MappedResult,
} from './dmn/decision-result.js';
export type { DecisionBinding, DecisionLookup } from './dmn/decision-lookup.js';
export type {
  ExecutableDecisions,
  ExecutableDecision,
  DecisionTable,
  DecisionInput,
  DecisionOutput,
  DecisionRule,
  DecisionExpression,
  LiteralExpressionLogic,
  HitPolicy,
  Aggregation,
} from './dmn/decision-model.js';
export { eventDefinitionsOf, isMultipleEvent } from './model/event-definitions.js';
export type {
  CallActivityDefinition,
  CallBinding,
  CallVariableMapping,
} from './model/call-activity-definition.js';
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
export { rootScopeKeyOf } from './runtime/instance-state.js';
export { visibleVariables } from './runtime/variable-scopes.js';
export { maskPersonalData } from './runtime/incident-text.js';
export {
  parseTimer,
  firstDue,
  nextDue,
  addDuration,
  TimerDefinitionError,
  type TimerSchedule,
} from './timers/index.js';
export { parseIsoDateTime } from './timers/iso-date.js';
export { toWallClock, offsetAt, DEFAULT_TIME_ZONE } from './timers/time-zone.js';

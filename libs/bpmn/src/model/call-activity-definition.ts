import type { Expression } from './expression.js';

/**
 * What a call activity calls and what it hands over, read from Camunda 7's `calledElement` + `camunda:in`/`out`
 * or Camunda 8's `zeebe:calledElement` + `zeebe:ioMapping`. The core only describes the call; the runtime
 * starts the child instance and reports back.
 */
export interface CallActivityDefinition {
  /** The BPMN process id of the called process; may be an expression. */
  processId: Expression;
  /**
   * Which version of the called process to start: the latest deployed (default), the one deployed together
   * with the caller, a version number, or the latest with a version tag.
   */
  binding: CallBinding;
  /** `binding: 'version'`: the version number (may be an expression). */
  version?: Expression;
  /** `binding: 'versionTag'`: the version tag (may be an expression). */
  versionTag?: Expression;
  /** Camunda 7's `camunda:calledElementTenantId`: the tenant to look the called process up in. */
  tenantId?: Expression;
  /** The child's business key: the caller's own, or an expression evaluated in the call activity's scope. */
  businessKey?: { inherit: true } | { expression: Expression };
  /** What the child starts with, evaluated in the call activity's scope after its input mappings. */
  inputs: CallVariableMapping[];
  /** What comes back from the child's final variables when it completes, before the output mappings run. */
  outputs: CallVariableMapping[];
}

export type CallBinding = 'latest' | 'deployment' | 'version' | 'versionTag';

/**
 * One variable hand-over between caller and child. Inputs read in the call activity's scope (`local`: only its own
 * variables, e.g. from input mappings) and write into the child's start variables. Outputs read the child's final
 * variables and write from the call activity (`local`: into the call activity's own scope, where output mappings
 * can pick from them; otherwise to the innermost scope that has the variable, else the process).
 */
export type CallVariableMapping =
  /** Every variable (Camunda 7's `variables="all"`, Camunda 8's propagate-all attributes). */
  | { kind: 'all'; local?: boolean }
  /** One variable by name, under `target`; a variable that does not exist is handed over as null. */
  | { kind: 'variable'; source: string; target: string; local?: boolean }
  /** The value of an expression (Camunda 7's `sourceExpression`), under `target`. */
  | { kind: 'expression'; source: Expression; target: string; local?: boolean };

/**
 * The executable form of a DMN document: built once at deploy time from the XML, plain JSON, stored with the
 * decision deployment. Evaluation never sees XML.
 */
export interface ExecutableDecisions {
  /** The id of the DMN definitions (Camunda's decision requirements definition key). */
  id: string;
  name?: string;
  decisions: Record<string, ExecutableDecision>;
}

export interface ExecutableDecision {
  id: string;
  name?: string;
  /** The name its result goes by in the decisions that require it: its variable's name, else its id. */
  resultName: string;
  /** Decisions to evaluate first (informationRequirement/requiredDecision), in document order, without repeats. */
  requiredDecisions: string[];
  /** `camunda:versionTag`, for a runtime that binds decisions by version tag. */
  versionTag?: string;
  logic: DecisionTable | LiteralExpressionLogic;
}

/** An expression in a decision: FEEL unless the model says JUEL (or writes `${…}`). */
export interface DecisionExpression {
  language: 'feel' | 'juel';
  source: string;
}

export const HIT_POLICIES = [
  'UNIQUE',
  'FIRST',
  'PRIORITY',
  'ANY',
  'COLLECT',
  'RULE ORDER',
  'OUTPUT ORDER',
] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];

export const AGGREGATIONS = ['SUM', 'MIN', 'MAX', 'COUNT'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface DecisionTable {
  kind: 'decisionTable';
  hitPolicy: HitPolicy;
  /** Only with COLLECT: the single output's values of the matching rules are summed, counted … */
  aggregation?: Aggregation;
  inputs: DecisionInput[];
  outputs: DecisionOutput[];
  rules: DecisionRule[];
}

export interface DecisionInput {
  id: string;
  label?: string;
  expression: DecisionExpression;
  typeRef?: string;
  /** The name the input's value has inside its input entries besides `?` (`camunda:inputVariable`, default `cellInput`). */
  inputVariable: string;
}

export interface DecisionOutput {
  id: string;
  /** The key of the output in a rule's result; a table with one unnamed output uses the output's id. */
  name: string;
  label?: string;
  typeRef?: string;
  /** `outputValues` in the order written: the priority order for PRIORITY and OUTPUT ORDER. */
  values?: unknown[];
  /** `defaultOutputEntry`: the output's value when no rule matches. */
  defaultValue?: DecisionExpression;
}

export interface DecisionRule {
  id: string;
  description?: string;
  /** One per input; null is `-` or empty, which matches anything. */
  inputEntries: Array<DecisionExpression | null>;
  /** One per output; null is an empty entry, which leaves the output out of the rule's result. */
  outputEntries: Array<DecisionExpression | null>;
}

export interface LiteralExpressionLogic {
  kind: 'literalExpression';
  expression: DecisionExpression;
  typeRef?: string;
}

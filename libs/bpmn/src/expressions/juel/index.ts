/** A safe interpreter for the common subset of JUEL, the expression language of Camunda 7's `${…}`. */
export { JuelEvaluationError, JuelSyntaxError } from './juel-errors.js';
export { evaluateJuel } from './juel-evaluator.js';
export { javaCallIn } from './juel-java-calls.js';
export type { JuelResolver } from './juel-resolver.js';
export { isJuelTemplate, parseJuel, type JuelTemplate } from './juel-template.js';

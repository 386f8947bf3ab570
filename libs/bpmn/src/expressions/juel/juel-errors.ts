/** Errors raised while parsing or evaluating JUEL templates. */

/** A template that is not valid JUEL; `position` is the 0-based offset into `source` where the problem was found. */
export class JuelSyntaxError extends Error {
  override readonly name = 'JuelSyntaxError';

  constructor(
    message: string,
    readonly source: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** A well-formed template that could not be evaluated against the given variables. */
export class JuelEvaluationError extends Error {
  override readonly name = 'JuelEvaluationError';

  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
  }
}

/**
 * Raised deep inside the evaluator, where the template source is not at hand;
 * evaluateJuel turns it into a JuelEvaluationError carrying the source.
 */
export class JuelValueError extends Error {
  override readonly name = 'JuelValueError';
}

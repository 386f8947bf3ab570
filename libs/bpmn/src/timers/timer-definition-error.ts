/** The error thrown for timer text (or a time zone) that cannot be understood. */

/** Longer texts are cut in messages so that one bad expression result cannot flood logs and incidents. */
const MAX_QUOTED_LENGTH = 80;

/**
 * Thrown when a timeDate, timeDuration or timeCycle cannot be parsed or evaluated.
 * The message always says what was expected and what was found, so that it can be shown to a modeller as is.
 */
export class TimerDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimerDefinitionError';
  }
}

/** Quotes a found value for a message: strings in single quotes (shortened), other values by their type. */
export function quoteFound(found: unknown): string {
  if (typeof found !== 'string') {
    return found === null ? 'null' : `a value of type ${typeof found}`;
  }
  if (found.trim() === '') {
    return 'an empty text';
  }
  const shown = found.length > MAX_QUOTED_LENGTH ? `${found.slice(0, MAX_QUOTED_LENGTH)}…` : found;
  return `'${shown}'`;
}

/** Builds the error for "expected X, found Y", with an optional reason that narrows down what is wrong. */
export function timerError(expected: string, found: unknown, reason?: string): TimerDefinitionError {
  const suffix = reason === undefined ? '' : ` (${reason})`;
  return new TimerDefinitionError(`Expected ${expected}, but found ${quoteFound(found)}${suffix}`);
}

/** Why a LoRA call failed, by its status: what a caller (or a connector) decides on. */
export type LoraFailureKind =
  | 'invalid' // 400: LoRA refused the request (its message names the path)
  | 'unauthorized' // 401, 403
  | 'not-found' // 404
  | 'deleted' // 410: the object was deleted
  | 'precondition-failed' // 412: another write came first (If-Match)
  | 'unavailable' // 429, 5xx: trying again may help
  | 'unexpected'; // anything else, or an answer that is not LoRA's

/**
 * A LoRA endpoint answered with an error: the status, LoRA's own `message` (a 400 names the offending path), and
 * the method and path template — never the query, which may hold a CPR number in a urn.
 */
export class LoraClientError extends Error {
  readonly kind: LoraFailureKind;

  constructor(
    readonly status: number,
    readonly loraMessage: string,
    readonly method: string,
    readonly pathTemplate: string,
  ) {
    super(`LoRA answered ${method} ${pathTemplate} with ${status}: ${loraMessage}`);
    this.name = 'LoraClientError';
    this.kind = kindOf(status);
  }

  /** Whether the same call may succeed later (429, 5xx). */
  get retryable(): boolean {
    return this.kind === 'unavailable';
  }
}

/** A lookup found nothing, or more than one object where one was expected (e.g. two units responsible for a KLE). */
export class LoraLookupError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'AMBIGUOUS',
    message: string,
  ) {
    super(message);
    this.name = 'LoraLookupError';
  }
}

function kindOf(status: number): LoraFailureKind {
  if (status === 400) return 'invalid';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 410) return 'deleted';
  if (status === 412) return 'precondition-failed';
  if (status === 429 || status >= 500) return 'unavailable';
  return 'unexpected';
}

/**
 * An error answered the way Camunda 7's REST API answers it: an HTTP status and a JSON body
 * `{ "type": "<Java exception name>", "message": "…" }`, sometimes with more fields (a ParseException's `details`).
 * Controllers throw it for the caller's mistakes; the {@link CamundaExceptionFilter} writes it.
 */
export class CamundaRestException extends Error {
  constructor(
    readonly status: number,
    /** Camunda's exception type, e.g. `InvalidRequestException`, `RestException`, `ParseException`. */
    readonly type: string,
    message: string,
    /** Fields added to the body beside `type` and `message`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CamundaRestException';
  }

  /** The JSON body Camunda clients read. */
  toBody(): Record<string, unknown> {
    return { type: this.type, message: this.message, ...this.extra };
  }
}

/** 400 `InvalidRequestException`: the request itself is wrong (a parameter, a field, a variable). */
export function invalidRequest(message: string): CamundaRestException {
  return new CamundaRestException(400, 'InvalidRequestException', message);
}

/** 404: what the request names does not exist (for this tenant). Camunda uses `RestException` for some lookups. */
export function notFound(
  message: string,
  type: 'InvalidRequestException' | 'RestException' = 'InvalidRequestException',
): CamundaRestException {
  return new CamundaRestException(404, type, message);
}

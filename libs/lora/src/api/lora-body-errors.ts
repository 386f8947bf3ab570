import { maskPersonalData } from '#bpmn';

/** What Express hands an error middleware: the parts this one uses. */
interface BodyParserError {
  status?: unknown;
  type?: unknown;
  message?: unknown;
  limit?: unknown;
}
interface ErrorResponse {
  headersSent: boolean;
  status(code: number): { json(body: unknown): void };
}

/**
 * Express error middleware for the LoRA prefix: a body that does not parse (malformed JSON) or is too large never
 * reaches the LoRA controller and its filter, so without this it would be answered in the app's global (Camunda)
 * error form. This answers it as LoRA does, `{"message": …}` with 400 (or 413), naming the problem; any other error
 * goes on. Mount it with the prefix after the app's body parser, before its routes:
 * `app.use('/lora', loraBodyErrors())`.
 */
export function loraBodyErrors() {
  return (
    error: unknown,
    _request: unknown,
    response: ErrorResponse,
    next: (error: unknown) => void,
  ): void => {
    const { status, type, message, limit } = (error ?? {}) as BodyParserError;
    if (
      typeof status !== 'number' ||
      status < 400 ||
      status >= 500 ||
      typeof type !== 'string' ||
      response.headersSent
    ) {
      next(error);
      return;
    }
    // The parser's message quotes the body: masked, as LoRA bodies carry CPR numbers.
    const cause = maskPersonalData(typeof message === 'string' ? message : String(type));
    const text =
      type === 'entity.parse.failed'
        ? `The request body is not valid JSON (${cause}); send a JSON object with content-type application/json`
        : type === 'entity.too.large'
          ? `The request body is larger than the limit${typeof limit === 'number' ? ` of ${limit} bytes` : ''} the LoRA API accepts`
          : `The request body could not be read (${cause})`;
    response.status(status).json({ message: text });
  };
}

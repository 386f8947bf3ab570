import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { CommandRejectedError } from '#bpmn';
import { CamundaRestException } from './camunda-rest.exception.js';

/** What the engine answers for an error: the status and Camunda's `{ type, message }` body. */
export interface CamundaErrorResponse {
  status: number;
  body: { type: string; message: string; [field: string]: unknown };
}

const COMMAND_REJECTION_STATUS: Record<CommandRejectedError['reason'], number> = {
  'not-found': 404,
  conflict: 409,
  invalid: 400,
};

/**
 * Maps anything a request can end in to Camunda's error shape. The caller's mistakes (a {@link CamundaRestException},
 * a command the core rejected, a body that does not parse, a route that does not exist) keep their 4xx status and
 * message; anything else is the engine's fault: a 500 whose details stay in the server log.
 */
export function camundaErrorOf(exception: unknown): CamundaErrorResponse {
  if (exception instanceof CamundaRestException) {
    return { status: exception.status, body: exception.toBody() as CamundaErrorResponse['body'] };
  }
  if (exception instanceof CommandRejectedError) {
    return {
      status: COMMAND_REJECTION_STATUS[exception.reason] ?? 400,
      body: { type: 'InvalidRequestException', message: exception.message },
    };
  }
  // Nest wraps body-parser's errors (malformed JSON, a body too large) in an HttpException; their cause says which.
  const parserError = exception instanceof HttpException ? exception.cause : exception;
  const parserStatus = bodyParserStatusOf(parserError);
  if (parserStatus !== undefined) {
    const type = (parserError as { type: string }).type;
    return {
      status: parserStatus,
      body: {
        type: 'InvalidRequestException',
        message:
          type === 'entity.parse.failed'
            ? `The request body is not valid JSON (${(parserError as Error).message}); send a JSON object with content-type application/json`
            : type === 'entity.too.large'
              ? tooLargeMessage(parserError as Error & { limit?: unknown; length?: unknown })
              : `The request body could not be read: ${(parserError as Error).message}`,
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return {
      status,
      body: {
        type: status >= 500 ? 'ProcessEngineException' : 'InvalidRequestException',
        message: messageOfHttpException(exception),
      },
    };
  }
  return {
    status: 500,
    body: {
      type: 'ProcessEngineException',
      message: 'The engine failed while handling this request; the cause is in the server log',
    },
  };
}

/** Writes every error as Camunda does (see {@link camundaErrorOf}); logs those that are the engine's fault. */
@Catch()
export class CamundaExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('CamundaRest');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = camundaErrorOf(exception);
    if (status >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    const response = host.switchToHttp().getResponse<{
      headersSent: boolean;
      status(code: number): { json(body: unknown): void };
    }>();
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}

/** body-parser's 413 carries the limit and, when the client declared it, the body's length. */
function tooLargeMessage(error: { limit?: unknown; length?: unknown }): string {
  const size = typeof error.length === 'number' ? ` (${error.length} bytes)` : '';
  const limit = typeof error.limit === 'number' ? ` of ${error.limit} bytes` : '';
  return `The request body${size} is larger than the limit${limit} this API accepts; send fewer or smaller variables`;
}

function messageOfHttpException(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** body-parser's errors (malformed JSON, a body too large) carry a 4xx `status` and a `type` such as `entity.parse.failed`. */
function bodyParserStatusOf(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { status, type } = exception as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || typeof type !== 'string')
    return undefined;
  return status;
}

import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { maskPersonalData } from '#bpmn';
import { CamundaRestException } from '#camunda-rest';
import { LoraRequestError } from './lora-request.error.js';

/**
 * Answers every error of the LoRA endpoints as LoRA does, `{"message": …}` with its status, not Camunda's body: a
 * {@link LoraRequestError} keeps its 4xx; Nest's own HTTP errors (a refused credential, a missing role) keep
 * theirs; anything else is the service's fault, a 500 whose details stay in the server log.
 */
@Catch()
export class LoraExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Lora');

  catch(exception: unknown, host: ArgumentsHost): void {
    let status = 500;
    let body: Record<string, unknown> = {
      message: 'The LoRA service failed while handling this request; the cause is in the server log',
    };
    if (exception instanceof LoraRequestError) {
      status = exception.status;
      body = exception.toBody();
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const response = exception.getResponse();
      body = {
        message:
          typeof response === 'string'
            ? response
            : ((response as { message?: unknown }).message ?? exception.message),
      };
    } else if (exception instanceof CamundaRestException) {
      // The caller guard's refusals (401, 403): their status, in LoRA's body.
      status = exception.status;
      body = { message: exception.message };
    }
    if (status >= 500) {
      // LoRA holds personal data (CPR numbers in urns): what reaches the log is masked.
      this.logger.error(
        maskPersonalData(
          exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
        ),
      );
    }
    const response = host
      .switchToHttp()
      .getResponse<{ headersSent: boolean; status(code: number): { json(body: unknown): void } }>();
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}

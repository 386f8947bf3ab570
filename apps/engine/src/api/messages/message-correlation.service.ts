import { Injectable } from '@nestjs/common';
import { CamundaRestException } from '#camunda-rest';
import { MismatchingMessageCorrelationError, type CorrelationResult } from '../../runtime/event-routing.js';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import type { MessageRequest } from './message-request.js';

/**
 * Correlates a message as Camunda 7's `POST /message` does — to one waiting subscription or message start event,
 * or with `all` to every one — through the runtime's routing, which triggers each wait in a command of its own
 * (optimistically locked: a concurrent command makes it run again). Nothing matching is Camunda's 400, unless the
 * message has a time to live: then it is buffered for a subscription that opens later.
 */
@Injectable()
export class MessageCorrelationService {
  constructor(private readonly runtime: EngineRuntime) {}

  async correlate(tenantId: string, request: MessageRequest): Promise<CorrelationResult[]> {
    let results: CorrelationResult[];
    try {
      results = await this.runtime.routing.correlateMessage({
        tenantId,
        messageName: request.messageName,
        strict: true,
        all: request.all,
        variables: request.processVariables,
        ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
        ...(request.processInstanceId !== undefined ? { processInstanceId: request.processInstanceId } : {}),
        ...(request.correlationKeys ? { processVariablesEqual: request.correlationKeys } : {}),
        ...(request.localCorrelationKeys ? { localVariablesEqual: request.localCorrelationKeys } : {}),
        ...(request.processVariablesLocal ? { localVariables: request.processVariablesLocal } : {}),
        ...(request.timeToLiveMs !== undefined ? { timeToLiveMs: request.timeToLiveMs } : {}),
      });
    } catch (error) {
      if (error instanceof MismatchingMessageCorrelationError) {
        throw new CamundaRestException(400, 'RestException', error.message);
      }
      throw error;
    }
    if (results.length === 0 && request.timeToLiveMs === undefined) {
      throw new CamundaRestException(
        400,
        'RestException',
        `Cannot correlate message '${request.messageName}': No process definition or execution matches the parameters`,
      );
    }
    return results;
  }
}

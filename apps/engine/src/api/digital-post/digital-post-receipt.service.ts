import { Injectable } from '@nestjs/common';
import { DIGITAL_POST_RECEIPT_MESSAGE } from '#adapters';
import { typedVariablesOf } from '#bpmn';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import type { DigitalPostReceipt } from './digital-post-receipt-request.js';

/** How long a receipt nothing waits for yet is kept for the process that will: it may outrun the send task's commit. */
export const RECEIPT_TIME_TO_LIVE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Correlates a Digital Post delivery receipt to the process that sent the letter, as message
 * `digital-post-receipt`: by the messageUUID, which the instance holds as variable `messageUuid` (the connector's
 * output; Camunda 7 correlation) and a Camunda 8 subscription uses as correlation key (`=messageUuid`). A receipt
 * that arrives before the process waits is buffered for {@link RECEIPT_TIME_TO_LIVE_MS}.
 */
@Injectable()
export class DigitalPostReceiptService {
  constructor(private readonly runtime: EngineRuntime) {}

  /** Whether a waiting process took the receipt now (false: it is buffered for one that will wait). */
  async correlate(tenantId: string, receipt: DigitalPostReceipt): Promise<boolean> {
    const results = await this.runtime.routing.correlateMessage({
      tenantId,
      messageName: DIGITAL_POST_RECEIPT_MESSAGE,
      correlationKey: receipt.messageUuid,
      processVariablesEqual: { messageUuid: receipt.messageUuid },
      variables: typedVariablesOf({
        digitalPostReceipt: {
          messageUuid: receipt.messageUuid,
          status: receipt.status,
          ...(receipt.statusTime !== undefined ? { statusTime: receipt.statusTime } : {}),
          ...(receipt.reason !== undefined ? { reason: receipt.reason } : {}),
        },
      }),
      timeToLiveMs: RECEIPT_TIME_TO_LIVE_MS,
    });
    return results.length > 0;
  }
}

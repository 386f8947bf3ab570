import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentCaller, RequiresRole, type Caller } from '#camunda-rest';
import { correlationTenantOf } from '../messages/correlation-tenant.js';
import { digitalPostReceiptOf } from './digital-post-receipt-request.js';
import { DigitalPostReceiptService } from './digital-post-receipt.service.js';

/**
 * `POST /engine-rest/digital-post/receipt`: a Digital Post delivery receipt for a letter the `digital-post`
 * connector sent, correlated back to the waiting process (message `digital-post-receipt`). Answers 200 with
 * `{ messageUuid, correlated }`: `correlated: false` means no process waits yet and the receipt is kept for one.
 */
@RequiresRole('process-starter')
@Controller('engine-rest/digital-post/receipt')
export class DigitalPostReceiptController {
  constructor(private readonly receipts: DigitalPostReceiptService) {}

  @Post()
  @HttpCode(200)
  async receive(
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<{ messageUuid: string; correlated: boolean }> {
    const receipt = digitalPostReceiptOf(body);
    const tenantId = correlationTenantOf(caller, {
      withoutTenantId: false,
      ...(receipt.tenantId !== undefined ? { tenantId: receipt.tenantId } : {}),
    });
    const correlated = await this.receipts.correlate(tenantId, receipt);
    return { messageUuid: receipt.messageUuid, correlated };
  }
}

import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CurrentCaller, RequiresRole, type Caller, type LinkableRequest } from '#camunda-rest';
import { correlationTenantOf } from './correlation-tenant.js';
import { camundaCorrelationResultOf, type CamundaCorrelationResult } from './message-correlation.response.js';
import { MessageCorrelationService } from './message-correlation.service.js';
import { messageRequestOf } from './message-request.js';

/**
 * `POST /message`: correlates a message to waiting subscriptions and message start events. 204, or with
 * `resultEnabled` 200 and what each correlation did.
 */
@RequiresRole('process-starter')
@Controller('engine-rest/message')
export class MessageController {
  constructor(private readonly messages: MessageCorrelationService) {}

  @Post()
  @HttpCode(204)
  async correlate(
    @Body() body: unknown,
    @Req() request: LinkableRequest,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
    @CurrentCaller() caller: Caller,
  ): Promise<CamundaCorrelationResult[] | undefined> {
    const message = messageRequestOf(body);
    const results = await this.messages.correlate(correlationTenantOf(caller, message), message);
    if (!message.resultEnabled) return undefined;
    response.status(200);
    return results.map((result) =>
      camundaCorrelationResultOf(result, request, message.variablesInResultEnabled, message.processVariables),
    );
  }
}

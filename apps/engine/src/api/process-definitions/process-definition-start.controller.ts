import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  CurrentCaller,
  RequiresRole,
  writableTenant,
  type Caller,
  type LinkableRequest,
} from '#camunda-rest';
import { camundaProcessInstanceOf, type CamundaProcessInstance } from './process-instance.response.js';
import { ProcessStartService } from './process-start.service.js';
import { idempotencyKeyOf, startRequestOf } from './start-request.js';

/** Camunda's start endpoints: the latest version of a key, without a tenant or for the tenant in the path. */
@RequiresRole('process-starter')
@Controller('engine-rest/process-definition/key/:key')
export class ProcessDefinitionStartController {
  constructor(private readonly starts: ProcessStartService) {}

  @Post('start')
  @HttpCode(200)
  async start(
    @Param('key') key: string,
    @Body() body: unknown,
    @Req() request: LinkableRequest,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<CamundaProcessInstance> {
    const started = await this.starts.start(
      writableTenant(caller, undefined, 'tenant-id'),
      key,
      startRequestOf(body),
      idempotencyKeyOf(idempotencyKey),
    );
    return camundaProcessInstanceOf(started, request);
  }

  @Post('tenant-id/:tenantId/start')
  @HttpCode(200)
  async startForTenant(
    @Param('key') key: string,
    @Param('tenantId') tenantId: string,
    @Body() body: unknown,
    @Req() request: LinkableRequest,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<CamundaProcessInstance> {
    const started = await this.starts.start(
      writableTenant(caller, tenantId, 'tenant-id'),
      key,
      startRequestOf(body),
      idempotencyKeyOf(idempotencyKey),
    );
    return camundaProcessInstanceOf(started, request);
  }
}

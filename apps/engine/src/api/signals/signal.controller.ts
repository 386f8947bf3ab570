import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentCaller, RequiresRole, type Caller } from '#camunda-rest';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import { correlationTenantOf } from '../messages/correlation-tenant.js';
import { signalRequestOf } from './signal-request.js';

/**
 * `POST /signal`: broadcasts a signal to every waiting signal subscription of the tenant and starts every latest
 * definition with a matching signal start event, each in a command of its own; 204 (also when nothing waited, as
 * Camunda answers).
 */
@RequiresRole('process-starter')
@Controller('engine-rest/signal')
export class SignalController {
  constructor(private readonly runtime: EngineRuntime) {}

  @Post()
  @HttpCode(204)
  async throwSignal(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<void> {
    const signal = signalRequestOf(body);
    await this.runtime.routing.broadcastSignal(
      correlationTenantOf(caller, signal),
      signal.name,
      signal.variables,
    );
  }
}

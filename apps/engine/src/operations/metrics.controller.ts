import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Registry } from 'prom-client';
import { CurrentCaller, RequiresRole, type Caller } from '#camunda-rest';
import { METRICS_REGISTRY } from './metrics.js';

/**
 * `GET /metrics`: the app's Prometheus metrics in the text exposition format. Needs the `monitoring` role (a key
 * that can read metrics and nothing else, for the scraper): the metrics are the whole process's, across tenants.
 */
@RequiresRole('monitoring')
@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get('metrics')
  async metrics(
    @CurrentCaller() _caller: Caller,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): unknown },
  ): Promise<string> {
    response.setHeader('content-type', this.registry.contentType);
    return this.registry.metrics();
  }
}

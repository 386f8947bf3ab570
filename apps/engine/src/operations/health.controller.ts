import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { PublicEndpoint } from '#camunda-rest';
import { HEALTH_CHECKS, type HealthCheck } from './health-checks.js';

/**
 * `GET /health`: 200 `{"status":"ok", "info": {"database": {"status":"up"}, …}}` when the app's dependencies answer,
 * 503 with `"status":"error"` and what is down otherwise. Without credentials, as load balancers and orchestrators
 * probe; it tells nothing about any tenant.
 */
@PublicEndpoint()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[],
  ) {}

  @Get('health')
  async check(
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.checks);
    } catch (error) {
      // Terminus reports "down" as an exception; its body is the answer, not a Camunda error.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}

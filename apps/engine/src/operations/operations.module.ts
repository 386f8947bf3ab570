import {
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type Provider,
} from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { EngineRuntime } from '../runtime/engine-runtime.js';
import { JOB_QUEUE, type JobQueue } from '../runtime-module/job-queue.js';
import { databaseCheck, HEALTH_CHECKS, redisCheck } from './health-checks.js';
import { HealthController } from './health.controller.js';
import { createMetricsRegistry, HttpRequestMetrics, METRICS_REGISTRY, RuntimeMetrics } from './metrics.js';
import { MetricsController } from './metrics.controller.js';
import { StructuredLogger, structuredLogging, type StructuredLoggingOptions } from './structured-logging.js';

export interface OperationsOptions {
  /** The app's name, on its metrics. */
  app: 'engine' | 'designer-api';
  logging: StructuredLoggingOptions;
  /**
   * The engine's runtime module (the one its API uses): its commands and jobs are counted, and Redis is checked
   * when jobs go through Bull. Absent for the designer-api.
   */
  runtime?: DynamicModule;
}

/** Every route, in the path syntax of Express 5 (path-to-regexp 8). */
const EVERY_ROUTE = { path: '{/*splat}', method: RequestMethod.ALL };

/**
 * What running an app in production needs beside its API: `/health` (the store, and Redis when jobs go through
 * it), Prometheus `/metrics` (the app's own registry: HTTP latency, and the runtime's counters in the engine), and
 * structured request and application logs. Both apps import it; the store comes from the app (StoreModule).
 */
@Module({})
export class OperationsModule implements NestModule {
  constructor(
    private readonly httpMetrics: HttpRequestMetrics,
    private readonly logger: StructuredLogger,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.httpMetrics.middleware, this.logger.requestLog).forRoutes(EVERY_ROUTE);
  }

  static register(options: OperationsOptions): DynamicModule {
    const registry = createMetricsRegistry(options.app);
    const providers: Provider[] = [
      { provide: METRICS_REGISTRY, useValue: registry },
      { provide: HttpRequestMetrics, useValue: new HttpRequestMetrics(registry) },
    ];
    if (options.runtime) {
      providers.push(
        {
          provide: RuntimeMetrics,
          useFactory: (runtime: EngineRuntime) => {
            const metrics = new RuntimeMetrics(registry);
            runtime.commands.observers.add(metrics);
            runtime.jobs.observers.add(metrics);
            return metrics;
          },
          inject: [EngineRuntime],
        },
        {
          provide: HEALTH_CHECKS,
          useFactory: (
            indicators: HealthIndicatorService,
            dataSource: DataSource,
            queue: JobQueue | null,
          ) => [databaseCheck(indicators, dataSource), ...(queue ? [redisCheck(indicators, queue)] : [])],
          inject: [HealthIndicatorService, DataSource, JOB_QUEUE],
        },
      );
    } else {
      providers.push({
        provide: HEALTH_CHECKS,
        useFactory: (indicators: HealthIndicatorService, dataSource: DataSource) => [
          databaseCheck(indicators, dataSource),
        ],
        inject: [HealthIndicatorService, DataSource],
      });
    }
    return {
      module: OperationsModule,
      imports: [
        TerminusModule.forRoot(),
        structuredLogging(options.logging),
        ...(options.runtime ? [options.runtime] : []),
      ],
      controllers: [HealthController, MetricsController],
      providers,
    };
  }
}

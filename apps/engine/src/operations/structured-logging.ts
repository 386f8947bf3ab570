import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Global,
  Module,
  type DynamicModule,
  type LoggerService,
  type LogLevel as NestLogLevel,
} from '@nestjs/common';
import { pino, stdSerializers, type DestinationStream, type Level, type Logger as Pino } from 'pino';
import type { RequestWithCaller } from '#camunda-rest';
import type { LogLevel } from '../config/engine-config.js';
import { routeOf } from './request-route.js';

/** Anything shaped like a CPR number (ddmmyy-xxxx, with or without the dash). */
const CPR_NUMBER = /\b\d{6}-?\d{4}\b/g;

/**
 * Masks every CPR-number-shaped run of digits. The last defence, applied to each log line as it is written: no code
 * logs variable values or request bodies, but a business key in a path, an error message quoting a value, or a
 * connector's failure may still carry one.
 */
export function maskCprNumbers(line: string): string {
  return line.replace(CPR_NUMBER, '******-****');
}

export interface StructuredLoggingOptions {
  level: LogLevel;
  /** Where the JSON lines go; standard output when absent (tests capture them). */
  destination?: DestinationStream;
}

/**
 * The process's logs as JSON lines (pino): Nest's and the runtime's own messages (`{context, msg}`, errors with
 * `err`), and — through {@link StructuredLogger.requestLog} — one line per HTTP request. Every line passes
 * {@link maskCprNumbers} as it is written. Lines below the level cost a level check, nothing more.
 */
export class StructuredLogger implements LoggerService {
  readonly pino: Pino;

  constructor(options: StructuredLoggingOptions) {
    const settings = { level: options.level, hooks: { streamWrite: maskCprNumbers } };
    this.pino = options.destination ? pino(settings, options.destination) : pino(settings);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Express middleware: one line per request when its response is finished — method, path (never the query: its
   * values may be personal data), status, duration in ms, the route pattern, and the caller's name and tenant.
   * Never a body or a header (they carry credentials). 5xx at error, 4xx at warn, probes and scrapes at debug, the
   * rest at info.
   */
  readonly requestLog = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const started = performance.now();
    response.once('finish', () => {
      const logged = request as LoggedRequest;
      const status = response.statusCode;
      const route = routeOf(logged);
      const level: Level =
        status >= 500
          ? 'error'
          : status >= 400
            ? 'warn'
            : route === '/health' || route === '/metrics'
              ? 'debug'
              : 'info';
      if (!this.pino.isLevelEnabled(level)) return;
      this.pino[level](
        {
          req: { method: request.method, path: (request.url ?? '').split('?')[0] },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
          route,
          caller: logged.caller?.name ?? null,
          tenant: logged.caller ? logged.caller.tenantId || null : null,
        },
        status >= 500 ? 'request errored' : 'request completed',
      );
    });
    next();
  };

  /** Nest's calls: (message, context) or, for errors, (message, stack, context); objects become fields. */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const last = rest.at(-1);
    if (typeof last === 'string' && rest.length > 0) {
      fields['context'] = last;
      rest = rest.slice(0, -1);
    }
    if (level === 'error' && typeof rest[0] === 'string') fields['stack'] = rest[0];
    let text: string | undefined;
    if (message instanceof Error) {
      fields['err'] = stdSerializers.err(message);
      text = message.message;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else {
      text = String(message);
    }
    this.pino[level](fields, text);
  }
}

type LoggedRequest = IncomingMessage & RequestWithCaller & { route?: { path?: unknown }; baseUrl?: string };

@Global()
@Module({})
class StructuredLoggingModule {}

/**
 * The {@link StructuredLogger} for an app (`app.useLogger(app.get(StructuredLogger))`); its request log is applied
 * by the OperationsModule beside the HTTP metrics.
 */
export function structuredLogging(options: StructuredLoggingOptions): DynamicModule {
  return {
    module: StructuredLoggingModule,
    providers: [{ provide: StructuredLogger, useValue: new StructuredLogger(options) }],
    exports: [StructuredLogger],
  };
}

/** The pino level that writes what a list of Nest log levels asks for (the most verbose one listed); none: silent. */
export function logLevelOfNest(levels: NestLogLevel[] | false): LogLevel {
  if (levels === false) return 'silent';
  const order: Array<[NestLogLevel, LogLevel]> = [
    ['verbose', 'trace'],
    ['debug', 'debug'],
    ['log', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
    ['fatal', 'fatal'],
  ];
  return order.find(([nest]) => levels.includes(nest))?.[1] ?? 'silent';
}

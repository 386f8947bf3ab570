import type { IncomingMessage } from 'node:http';
import type { DynamicModule, LogLevel as NestLogLevel } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';
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

type LoggedRequest = IncomingMessage & RequestWithCaller & { route?: { path?: unknown }; baseUrl?: string };

/**
 * The process's logs as JSON lines (pino through nestjs-pino): Nest's and the runtime's own messages, and one line
 * per HTTP request with its method, route, path, status, duration, and the caller's name and tenant. Never a body,
 * a query string (its values may be personal data) or a header (they carry credentials); every line passes
 * {@link maskCprNumbers}. nestjs-pino keeps one logger per process: the apps of a process log through the first
 * app's settings, which are the same for both.
 */
export function structuredLogging(options: StructuredLoggingOptions): DynamicModule {
  const facts = (request: LoggedRequest) => ({
    route: routeOf(request),
    caller: request.caller?.name ?? null,
    tenant: request.caller ? request.caller.tenantId || null : null,
  });
  const pinoHttpOptions: Exclude<Params['pinoHttp'], unknown[] | DestinationStream | undefined> = {
    level: options.level,
    hooks: { streamWrite: maskCprNumbers },
    quietReqLogger: true,
    serializers: {
      req: (request: { method?: string; url?: string }) => ({
        method: request.method,
        path: (request.url ?? '').split('?')[0],
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    customSuccessObject: (request, _response, value: object) => ({
      ...value,
      ...facts(request as LoggedRequest),
    }),
    customErrorObject: (request, _response, _error, value: object) => ({
      ...value,
      ...facts(request as LoggedRequest),
    }),
    customLogLevel: (request, response, error): LevelWithSilent => {
      if (error || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      // Probes and scrapes every few seconds would drown everything else.
      const route = routeOf(request as LoggedRequest);
      return route === '/health' || route === '/metrics' ? 'debug' : 'info';
    },
  };
  return LoggerModule.forRoot({
    pinoHttp: options.destination ? [pinoHttpOptions, options.destination] : pinoHttpOptions,
  });
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

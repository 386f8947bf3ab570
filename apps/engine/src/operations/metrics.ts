import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { CommittedCommand, RuntimeObserver } from '../runtime/runtime-observers.js';
import { routeOf } from './request-route.js';

/** Nest token of an app's Prometheus registry. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * A Prometheus registry of one app (never prom-client's global one: two apps in one process, or a test starting
 * the apps again, must not share or collide), labelled with the app's name, with Node's process metrics.
 */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * What the runtime did, counted from what it reports after each committed command and job attempt (see
 * RuntimeObservers): instances started and ended by definition key, incidents raised, job attempts and failures by
 * job kind. Labels are bounded by what is deployed, never by what clients send; no tenant label.
 */
export class RuntimeMetrics implements RuntimeObserver {
  private readonly started: Counter<'definition_key'>;
  private readonly ended: Counter<'definition_key' | 'state'>;
  private readonly incidents: Counter<'definition_key' | 'incident_type'>;
  private readonly jobsExecuted: Counter<'kind'>;
  private readonly jobsFailed: Counter<'kind'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.started = new Counter({
      name: 'kommune_flow_process_instances_started_total',
      help: 'Process instances started, by process definition key',
      labelNames: ['definition_key'],
      registers,
    });
    this.ended = new Counter({
      name: 'kommune_flow_process_instances_ended_total',
      help: 'Process instances that ended, by process definition key and state (completed, cancelled, failed)',
      labelNames: ['definition_key', 'state'],
      registers,
    });
    this.incidents = new Counter({
      name: 'kommune_flow_incidents_raised_total',
      help: 'Incidents raised, by process definition key and incident type',
      labelNames: ['definition_key', 'incident_type'],
      registers,
    });
    this.jobsExecuted = new Counter({
      name: 'kommune_flow_jobs_executed_total',
      help: 'Job attempts run by this process (timers, async continuations, connector calls …), by job kind',
      labelNames: ['kind'],
      registers,
    });
    this.jobsFailed = new Counter({
      name: 'kommune_flow_jobs_failed_total',
      help: 'Job attempts that failed (retried later, or an incident when no retry is left), by job kind',
      labelNames: ['kind'],
      registers,
    });
  }

  commandCommitted({ definitionKey, started, effects }: CommittedCommand): void {
    if (started) this.started.inc({ definition_key: definitionKey });
    for (const effect of effects) {
      if (effect.type === 'instance.ended') {
        this.ended.inc({ definition_key: definitionKey, state: effect.status });
      } else if (effect.type === 'incident.raised') {
        this.incidents.inc({ definition_key: definitionKey, incident_type: effect.incident.incidentType });
      }
    }
  }

  jobExecuted(kind: string): void {
    this.jobsExecuted.inc({ kind });
  }

  jobFailed(kind: string): void {
    this.jobsFailed.inc({ kind });
  }
}

type TimedRequest = { method?: string; route?: { path?: unknown }; baseUrl?: string };
type TimedResponse = { statusCode: number; once(event: 'finish' | 'close', listener: () => void): unknown };

/** How long the API takes to answer, by route pattern, method and status. */
export class HttpRequestMetrics {
  private readonly duration: Histogram<'route' | 'method' | 'status'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'kommune_flow_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      // Up to long-polling fetch-and-lock requests, which may wait for work for many seconds.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
  }

  /** Express middleware: times every request until its response is sent (or the connection closes). */
  readonly middleware = (request: TimedRequest, response: TimedResponse, next: () => void): void => {
    const stop = this.duration.startTimer();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      stop({
        route: routeOf(request),
        method: request.method ?? 'UNKNOWN',
        status: String(response.statusCode),
      });
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  };
}

import {
  BeskedfordelerConsumer,
  BESKEDFORDELER_SETTINGS_ID,
  createTenantConnectorConfig,
  DEFAULT_DEDUPLICATION_RETENTION_DAYS,
  DEFAULT_UNMATCHED_TIME_TO_LIVE_HOURS,
  type BeskedfordelerSettings,
  type ConnectorSettings,
  type SecretResolver,
} from '#adapters';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { ConnectorSettingsReloader } from '../config/connector-settings-reloader.js';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config.js';
import { CONNECTOR_SECRETS } from '../connectors/connector-settings.tokens.js';
import { NestConnectorLogger } from '../connectors/nest-connector-logger.js';
import { EngineRuntime } from '../runtime/engine-runtime.js';
import { BeskedfordelerIntake } from './beskedfordeler-intake.js';
import { BeskedfordelerMessageCleanup, type BeskedRetention } from './beskedfordeler-message-cleanup.js';
import { beskedfordelerTenantsOf, type BeskedfordelerTenant } from './beskedfordeler-tenant-settings.js';

/** Messages each consumer handles at once unless the tenant sets `prefetch`. */
const DEFAULT_PREFETCH = 8;

const HOUR_MS = 60 * 60 * 1000;

/** How long the tenant's handled BeskedIds are kept: its retention, and at least as long as it buffers messages. */
function retentionMsOf(
  settings: Pick<BeskedfordelerSettings, 'deduplicationRetentionDays' | 'unmatchedTimeToLiveHours'>,
): number {
  return Math.max(
    (settings.deduplicationRetentionDays ?? DEFAULT_DEDUPLICATION_RETENTION_DAYS) * 24 * HOUR_MS,
    (settings.unmatchedTimeToLiveHours ?? DEFAULT_UNMATCHED_TIME_TO_LIVE_HOURS) * HOUR_MS,
  );
}

/** A tenant's running consumer, with the settings it was started from. */
interface TenantConsumer {
  readonly consumer: BeskedfordelerConsumer;
  readonly written: ConnectorSettings;
  readonly retention: BeskedRetention;
}

/**
 * One Beskedfordeler consumer per tenant with `beskedfordeler` settings, on nodes that run jobs (ENGINE_ROLE all or
 * worker): started with the engine, stopped before it — the messages being handled finish and are acknowledged, the
 * rest stay on the queue for the next node. A tenant whose settings are wrong stops the start-up with a message
 * naming the tenant and the field; a broker that cannot be reached does not — the consumer keeps trying. On the
 * same nodes, a loop forgets handled BeskedIds older than each tenant's `deduplicationRetentionDays`.
 *
 * The consumers follow CONNECTOR_SETTINGS_FILE when it is reloaded: a tenant added gets a consumer, a tenant
 * removed loses its own (its messages in hand finish first), a tenant whose settings changed gets a new consumer
 * in place of the old. A reloaded file with wrong Beskedfordeler settings is refused as a whole (checked as at
 * start-up); a tenant whose new broker secret cannot be resolved keeps its old consumer, and the error is logged.
 */
@Injectable()
export class BeskedfordelerConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Beskedfordeler');
  private readonly consumers = new Map<string, TenantConsumer>();
  private readonly intake: BeskedfordelerIntake;
  private cleanupLoop: BeskedfordelerMessageCleanup | undefined;
  /** Reloads are followed one at a time; shutdown waits for the one under way. */
  private following: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly runtime: EngineRuntime,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(CONNECTOR_SECRETS) private readonly secrets: SecretResolver,
    private readonly reloader: ConnectorSettingsReloader,
  ) {
    this.intake = new BeskedfordelerIntake(runtime);
    if (config.role !== 'api') {
      reloader.addCheck((settings) =>
        beskedfordelerTenantsOf(settings, config.amqpUrl).problems.map((problem) => ({
          setting: 'CONNECTOR_SETTINGS_FILE',
          found: problem,
          expected: "each tenant's beskedfordeler settings complete (queue, routes; amqpUrl or AMQP_URL)",
        })),
      );
    }
  }

  /** The tenants' consumers (tests look at whether they are consuming). */
  get running(): readonly BeskedfordelerConsumer[] {
    return [...this.consumers.values()].map((running) => running.consumer);
  }

  /** The consumer of the tenant's queue, if it has one. */
  consumerOf(tenantId: string): BeskedfordelerConsumer | undefined {
    return this.consumers.get(tenantId)?.consumer;
  }

  /** The loop that forgets old BeskedIds (on nodes that consume); tests run it at once. */
  get cleanup(): BeskedfordelerMessageCleanup | undefined {
    return this.cleanupLoop;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    // Listening first: a reload while the consumers start is followed once they have.
    this.reloader.onChange(() => this.followReload());
    const started = this.startAll();
    this.following = started.catch(() => undefined);
    await started;
  }

  /** At start-up, wrong settings or a secret that cannot be resolved stop the engine. */
  private async startAll(): Promise<void> {
    const { tenants, problems } = beskedfordelerTenantsOf(this.reloader.settings, this.config.amqpUrl);
    if (problems.length > 0) throw new Error(problems.join('; '));
    for (const tenant of tenants) await this.replace(tenant, await this.prepare(tenant));
    this.restartCleanup();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.following;
    this.cleanupLoop?.stop();
    await Promise.all(this.running.map((consumer) => consumer.stop()));
  }

  /** Brings the consumers in line with the settings in use now, after the reloads before it. */
  private followReload(): Promise<void> {
    const next = this.following.then(() => this.follow());
    this.following = next.catch(() => undefined);
    return next;
  }

  private async follow(): Promise<void> {
    if (this.stopping) return;
    const { tenants } = beskedfordelerTenantsOf(this.reloader.settings, this.config.amqpUrl);
    const wanted = new Map(tenants.map((tenant) => [tenant.tenantId, tenant]));
    let changed = false;
    for (const [tenantId, running] of this.consumers) {
      if (wanted.has(tenantId)) continue;
      this.consumers.delete(tenantId);
      await running.consumer.stop();
      this.logger.log(`Tenant '${tenantId}': no Beskedfordeler settings any more, stopped consuming`);
      changed = true;
    }
    for (const tenant of tenants) {
      const running = this.consumers.get(tenant.tenantId);
      if (running && isDeepStrictEqual(running.written, tenant.written)) continue;
      let prepared: TenantConsumer;
      try {
        prepared = await this.prepare(tenant);
      } catch (error) {
        this.logger.error(
          `Tenant '${tenant.tenantId}': the reloaded Beskedfordeler settings are not used (${running ? 'the consumer keeps the previous ones' : 'no consumer started'}): ${error instanceof Error ? error.message : String(error)}`,
        );
        continue;
      }
      await this.replace(tenant, prepared);
      changed = true;
    }
    if (changed) this.restartCleanup();
  }

  /** A consumer for the tenant's settings, not yet started; resolves its broker URL (a secret). */
  private async prepare(tenant: BeskedfordelerTenant): Promise<TenantConsumer> {
    const { tenantId, settings, written } = tenant;
    const config = createTenantConnectorConfig({
      tenantId,
      connectorId: BESKEDFORDELER_SETTINGS_ID,
      settings: written,
      secrets: this.secrets,
    });
    const url = settings.amqpUrl ? await config.secret('amqpUrl') : (this.config.amqpUrl as string);
    const consumer = new BeskedfordelerConsumer({
      name: tenantId,
      url,
      queue: settings.queue,
      deadLetterQueue: settings.deadLetterQueue ?? `${settings.queue}.dlq`,
      prefetch: settings.prefetch ?? DEFAULT_PREFETCH,
      handle: (body) => this.intake.handle(tenantId, settings, body),
      log: new NestConnectorLogger(),
    });
    return { consumer, written, retention: { tenantId, retentionMs: retentionMsOf(settings) } };
  }

  /** Stops the tenant's consumer, if any (its messages in hand finish), and starts `next` in its place. */
  private async replace(tenant: BeskedfordelerTenant, next: TenantConsumer): Promise<void> {
    const previous = this.consumers.get(tenant.tenantId);
    this.consumers.set(tenant.tenantId, next);
    if (previous) await previous.consumer.stop();
    await next.consumer.start();
    this.logger.log(
      `Tenant '${tenant.tenantId}': ${previous ? 'settings changed, ' : ''}consuming Beskedfordeler queue '${tenant.settings.queue}'`,
    );
  }

  private restartCleanup(): void {
    this.cleanupLoop?.stop();
    this.cleanupLoop = new BeskedfordelerMessageCleanup(this.runtime.dataSource, {
      tenants: [...this.consumers.values()].map((running) => running.retention),
      defaultRetentionMs: retentionMsOf({}),
    });
    this.cleanupLoop.start();
  }
}

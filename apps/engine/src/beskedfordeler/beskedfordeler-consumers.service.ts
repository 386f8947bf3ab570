import {
  BeskedfordelerConsumer,
  beskedfordelerSettingsOf,
  BESKEDFORDELER_SETTINGS_ID,
  DEFAULT_DEDUPLICATION_RETENTION_DAYS,
  DEFAULT_UNMATCHED_TIME_TO_LIVE_HOURS,
  type BeskedfordelerSettings,
  loadTenantConnectorConfig,
  type SecretResolver,
  type TenantConfigurationStore,
} from '#adapters';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config.js';
import { CONNECTOR_SECRETS, TENANT_CONFIGURATIONS } from '../connectors/connector-settings.tokens.js';
import { NestConnectorLogger } from '../connectors/nest-connector-logger.js';
import { EngineRuntime } from '../runtime/engine-runtime.js';
import { BeskedfordelerIntake } from './beskedfordeler-intake.js';
import { BeskedfordelerMessageCleanup, type BeskedRetention } from './beskedfordeler-message-cleanup.js';

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

/**
 * One Beskedfordeler consumer per tenant with `beskedfordeler` settings, on nodes that run jobs (ENGINE_ROLE all or
 * worker): started with the engine, stopped before it — the messages being handled finish and are acknowledged, the
 * rest stay on the queue for the next node. A tenant whose settings are wrong stops the start-up with a message
 * naming the tenant and the field; a broker that cannot be reached does not — the consumer keeps trying. On the
 * same nodes, a loop forgets handled BeskedIds older than each tenant's `deduplicationRetentionDays`.
 */
@Injectable()
export class BeskedfordelerConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Beskedfordeler');
  private readonly consumers: BeskedfordelerConsumer[] = [];
  private readonly intake: BeskedfordelerIntake;
  private cleanupLoop: BeskedfordelerMessageCleanup | undefined;

  constructor(
    private readonly runtime: EngineRuntime,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(TENANT_CONFIGURATIONS) private readonly tenantConfigurations: TenantConfigurationStore,
    @Inject(CONNECTOR_SECRETS) private readonly secrets: SecretResolver,
  ) {
    this.intake = new BeskedfordelerIntake(runtime);
  }

  /** The tenants' consumers (tests look at whether they are consuming). */
  get running(): readonly BeskedfordelerConsumer[] {
    return this.consumers;
  }

  /** The loop that forgets old BeskedIds (on nodes that consume); tests run it at once. */
  get cleanup(): BeskedfordelerMessageCleanup | undefined {
    return this.cleanupLoop;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    const tenants = Object.entries(this.config.connectorSettings ?? {}).filter(
      ([, byConnector]) => byConnector[BESKEDFORDELER_SETTINGS_ID] !== undefined,
    );
    const retentions: BeskedRetention[] = [];
    for (const [tenantId] of tenants) {
      const config = await loadTenantConnectorConfig(
        this.tenantConfigurations,
        this.secrets,
        tenantId,
        BESKEDFORDELER_SETTINGS_ID,
      );
      const settings = beskedfordelerSettingsOf(tenantId, config.settings);
      retentions.push({ tenantId, retentionMs: retentionMsOf(settings) });
      const url = settings.amqpUrl ? await config.secret('amqpUrl') : this.config.amqpUrl;
      if (url === undefined) {
        throw new Error(
          `The Beskedfordeler settings of tenant '${tenantId}' name no amqpUrl and AMQP_URL is not set: set one of them`,
        );
      }
      const consumer = new BeskedfordelerConsumer({
        name: tenantId,
        url,
        queue: settings.queue,
        deadLetterQueue: settings.deadLetterQueue ?? `${settings.queue}.dlq`,
        prefetch: settings.prefetch ?? DEFAULT_PREFETCH,
        handle: (body) => this.intake.handle(tenantId, settings, body),
        log: new NestConnectorLogger(),
      });
      this.consumers.push(consumer);
      await consumer.start();
      this.logger.log(`Tenant '${tenantId}': consuming Beskedfordeler queue '${settings.queue}'`);
    }
    this.cleanupLoop = new BeskedfordelerMessageCleanup(this.runtime.dataSource, {
      tenants: retentions,
      defaultRetentionMs: retentionMsOf({}),
    });
    this.cleanupLoop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.cleanupLoop?.stop();
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}

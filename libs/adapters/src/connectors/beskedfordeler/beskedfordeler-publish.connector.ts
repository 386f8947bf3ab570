import { defineConnector, type Connector } from '../../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { schema, type Infer } from '../../schema/schema.js';
import { messageUuidOf } from '../digital-post/message-uuid.js';
import { AmqpPublishChannels } from './amqp-publish-channels.js';
import { haendelsesbeskedXml } from './haendelsesbesked.js';

const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

const publishInput = schema.object({
  beskedtype: schema.string({ pattern: UUID, description: 'The Beskedtype UUID.' }),
  objektId: schema.string({ minLength: 1, maxLength: 200, description: 'The object the event is about.' }),
  objektType: schema.optional(schema.string({ minLength: 1, maxLength: 200 })),
  ansvarligMyndighed: schema.optional(
    schema.string({ pattern: /^urn:oio:cvr-nr:\d{8}$/, description: 'urn:oio:cvr-nr:<CVR>' }),
  ),
  opgaveEmne: schema.optional(
    schema.string({ pattern: /^\d{2}\.\d{2}\.\d{2}$/, description: 'The KLE emne, e.g. 27.24.00.' }),
  ),
  handling: schema.optional(schema.string({ minLength: 1, maxLength: 200 })),
  beskeddata: schema.optional(schema.string({ maxLength: 1_000_000 })),
});

const publishOutput = schema.object({
  beskedId: schema.string({ description: 'The same for every attempt at one job: a retry is recognisable.' }),
  transaktionsId: schema.string(),
});

/** A tenant's settings for `connector:beskedfordeler-publish`. */
export const beskedfordelerPublishSettings = schema.object(
  {
    amqpUrl: schema.object({ secretRef: schema.string({ minLength: 1 }) }),
    /** '' is the default exchange (then `routingKey` is the queue). */
    exchange: schema.string(),
    routingKey: schema.optional(schema.string()),
  },
  { unknownFields: 'allow' },
);

export type BeskedfordelerPublishInput = Infer<typeof publishInput>;
export type BeskedfordelerPublishOutput = Infer<typeof publishOutput>;

export interface BeskedfordelerPublishConnectorOptions {
  /** The connections publishes go over (one per tenant and broker URL); a pool of the connector's own by default. */
  channels?: AmqpPublishChannels;
}

/**
 * `connector:beskedfordeler-publish` — publishes a Haendelsesbesked to the tenant's Beskedfordeler exchange, with
 * publisher confirms: the call completes only when the broker has the message. Its BeskedId (and TransaktionsId)
 * are name-based UUIDs of the tenant and the job's idempotency key, so a retried publish carries the same BeskedId
 * and every receiver that deduplicates by BeskedId — as this engine's consumer does — handles it once. Publishes
 * share one connection and channel per tenant and broker URL, reopened when it drops and closed by `close()`.
 */
export function createBeskedfordelerPublishConnector(
  options: BeskedfordelerPublishConnectorOptions = {},
): Connector<BeskedfordelerPublishInput, BeskedfordelerPublishOutput> {
  const channels = options.channels ?? new AmqpPublishChannels();
  return defineConnector({
    id: 'beskedfordeler-publish',
    description:
      "Publishes a Haendelsesbesked to the tenant's Beskedfordeler (AMQP, publisher confirms); the BeskedId is derived from the job, so a retry is recognised.",
    input: publishInput,
    output: publishOutput,
    timeoutMs: 15_000,
    async execute(input, context) {
      const { config } = context.tenant;
      const checked = beskedfordelerPublishSettings.validate(JSON.parse(JSON.stringify(config.settings)));
      if (!config.configured || !checked.ok) {
        throw new PermanentConnectorError(
          `Tenant '${context.tenant.id}' has no usable beskedfordeler-publish settings: configure amqpUrl ({ "secretRef": … }) and exchange`,
        );
      }
      const settings = checked.value;
      const url = await config.secret('amqpUrl');
      const beskedId = messageUuidOf(context.tenant.id, `beskedfordeler:${context.idempotencyKey}`);
      const transaktionsId = messageUuidOf(
        context.tenant.id,
        `beskedfordeler-transaktion:${context.idempotencyKey}`,
      );
      const xml = haendelsesbeskedXml({
        beskedId,
        beskedtype: input.beskedtype.toLowerCase(),
        transaktionsId,
        transaktionsTid: context.now(),
        objektId: input.objektId,
        ...(input.objektType !== undefined ? { objektType: input.objektType } : {}),
        ...(input.ansvarligMyndighed !== undefined ? { ansvarligMyndighed: input.ansvarligMyndighed } : {}),
        ...(input.opgaveEmne !== undefined ? { opgaveEmne: input.opgaveEmne } : {}),
        ...(input.handling !== undefined ? { handling: input.handling } : {}),
        ...(input.beskeddata !== undefined ? { beskeddata: input.beskeddata } : {}),
      });
      try {
        await channels.publish(
          context.tenant.id,
          url,
          {
            exchange: settings.exchange,
            routingKey: settings.routingKey ?? '',
            content: Buffer.from(xml, 'utf8'),
            options: {
              persistent: true,
              contentType: 'application/xml',
              messageId: beskedId,
              timestamp: Math.floor(context.now().getTime() / 1000),
            },
          },
          context.signal,
        );
      } catch (error) {
        throw publishFailure(error, settings.exchange);
      }
      context.log.info('Haendelsesbesked published', { beskedId });
      return { beskedId, transaktionsId };
    },
    close: () => channels.close(),
  });
}

/** The connector with its own connection pool, for callers that keep one registry for the process. */
export const beskedfordelerPublishConnector = createBeskedfordelerPublishConnector();

/** A missing exchange or refused access is the configuration's fault; anything else (network, broker) may pass. */
function publishFailure(error: unknown, exchange: string): Error {
  if (error instanceof RetryableConnectorError || error instanceof PermanentConnectorError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 404) {
    return new PermanentConnectorError(
      `The Beskedfordeler has no exchange '${exchange}': check the tenant's exchange`,
    );
  }
  if (code === 403 || /ACCESS_REFUSED/.test(String((error as Error).message))) {
    return new PermanentConnectorError(
      'The Beskedfordeler refused access: check the tenant’s AMQP credentials',
    );
  }
  return new RetryableConnectorError(
    `Cannot publish to the Beskedfordeler (${typeof code === 'string' || typeof code === 'number' ? code : 'connection failed'})`,
  );
}

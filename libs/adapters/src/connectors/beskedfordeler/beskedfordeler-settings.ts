import { schema, type Infer } from '../../schema/schema.js';
import type { ConnectorSettings } from '../../tenant/tenant-configuration-store.js';
import type { Haendelsesbesked } from './haendelsesbesked.js';

/** The id under which a tenant configures its Beskedfordeler queue (`CONNECTOR_SETTINGS_FILE`). */
export const BESKEDFORDELER_SETTINGS_ID = 'beskedfordeler';

/** Beskedfordeler's dead-lettered messages carry their reason in this header (shared by every consumer here). */
export { DEAD_LETTER_REASON_HEADER } from '../../amqp/amqp-delivery-settler.js';

/** How long a correlation nothing waits for is kept for a process that will, unless the tenant says otherwise. */
export const DEFAULT_UNMATCHED_TIME_TO_LIVE_HOURS = 7 * 24;

/** How long a handled BeskedId is remembered (to recognise a redelivery), unless the tenant says otherwise. */
export const DEFAULT_DEDUPLICATION_RETENTION_DAYS = 30;

/** The envelope fields a route may correlate by. */
export const CORRELATION_FIELDS = ['ObjektId', 'TransaktionsId', 'BeskedId'] as const;
export type CorrelationField = (typeof CORRELATION_FIELDS)[number];

const secretRef = schema.object({ secretRef: schema.string({ minLength: 1 }) });

const route = schema.object({
  beskedtype: schema.string({ pattern: /^[0-9A-Fa-f-]{36}$/, description: 'The Beskedtype UUID.' }),
  kle: schema.optional(
    schema.string({
      pattern: /^\d{2}(?:\.\d{2}){0,2}%?$/,
      description: "The KLE emne of OpgaveEmne: exact ('27.24.00') or a prefix ending in % ('27.24%').",
    }),
  ),
  startProcess: schema.optional(
    schema.string({ minLength: 1, description: 'Process definition key to start.' }),
  ),
  correlateMessage: schema.optional(
    schema.string({ minLength: 1, description: 'Message name to correlate.' }),
  ),
  correlationFrom: schema.optional(schema.enum(CORRELATION_FIELDS)),
  correlationVariable: schema.optional(
    schema.string({
      pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
      description: 'Camunda 7: the process variable that must equal the correlation value.',
    }),
  ),
});

/** A tenant's `beskedfordeler` settings. */
export const beskedfordelerSettings = schema.object(
  {
    /** The tenant's broker (`amqps://…@…/BF`), as a secret reference; the engine's AMQP_URL when absent. */
    amqpUrl: schema.optional(secretRef),
    queue: schema.string({ minLength: 1, maxLength: 255 }),
    /** Where messages that cannot be handled go, with the reason; `<queue>.dlq` when absent. */
    deadLetterQueue: schema.optional(schema.string({ minLength: 1, maxLength: 255 })),
    /** Messages handled at once (AMQP prefetch); 8 when absent. */
    prefetch: schema.optional(schema.integer({ minimum: 1, maximum: 1000 })),
    /**
     * A correlation no process waits for yet is kept this long (hours) for one that will, then dropped; 168 (7 days)
     * when absent.
     */
    unmatchedTimeToLiveHours: schema.optional(schema.integer({ minimum: 1, maximum: 24 * 366 })),
    /**
     * Handled BeskedIds are remembered this long (days) to recognise a message delivered again; 30 when absent. At
     * least a day: a broker redelivers an unacknowledged message within minutes, never days.
     */
    deduplicationRetentionDays: schema.optional(schema.integer({ minimum: 1, maximum: 3660 })),
    routes: schema.array(route),
    /** For `connector:beskedfordeler-publish`: the exchange and routing key envelopes are published to. */
    publish: schema.optional(
      schema.object({ exchange: schema.string(), routingKey: schema.optional(schema.string()) }),
    ),
  },
  { unknownFields: 'allow' },
);

export type BeskedfordelerSettings = Infer<typeof beskedfordelerSettings>;
export type BeskedfordelerRoute = BeskedfordelerSettings['routes'][number];

/** Reads a tenant's settings; throws an Error naming every wrong field (and never a value). */
export function beskedfordelerSettingsOf(
  tenantId: string,
  settings: ConnectorSettings,
): BeskedfordelerSettings {
  const checked = beskedfordelerSettings.validate(JSON.parse(JSON.stringify(settings)));
  const problems = checked.ok ? [] : checked.issues.map((issue) => `${issue.path} ${issue.message}`);
  if (checked.ok) {
    checked.value.routes.forEach((each, index) => {
      if ((each.startProcess === undefined) === (each.correlateMessage === undefined)) {
        problems.push(`$.routes[${index}] needs exactly one of startProcess and correlateMessage`);
      }
    });
  }
  if (!checked.ok || problems.length > 0) {
    throw new Error(`The Beskedfordeler settings of tenant '${tenantId}' are wrong: ${problems.join('; ')}`);
  }
  return checked.value;
}

/** The first route whose Beskedtype (and KLE emne, when it names one) the envelope has; undefined when none. */
export function routeOf(
  routes: readonly BeskedfordelerRoute[],
  besked: Haendelsesbesked,
): BeskedfordelerRoute | undefined {
  return routes.find(
    (each) =>
      each.beskedtype.toLowerCase() === besked.beskedtype &&
      (each.kle === undefined || kleMatches(each.kle, besked.objekt.opgaveEmne)),
  );
}

/** `27.24%` matches every emne under 27.24; `27.24.00` only itself. */
function kleMatches(pattern: string, emne: string | undefined): boolean {
  if (emne === undefined) return false;
  return pattern.endsWith('%') ? emne.startsWith(pattern.slice(0, -1)) : emne === pattern;
}

/** The value of the envelope field a route correlates by (ObjektId when the route names none). */
export function correlationValueOf(route: BeskedfordelerRoute, besked: Haendelsesbesked): string | undefined {
  switch (route.correlationFrom ?? 'ObjektId') {
    case 'ObjektId':
      return besked.objekt.objektId;
    case 'TransaktionsId':
      return besked.transaktionsId;
    case 'BeskedId':
      return besked.beskedId;
  }
}

/** The variables a handled envelope gives the process: identifiers and the KLE emne, never Beskeddata. */
export function beskedVariablesOf(besked: Haendelsesbesked): Record<string, string> {
  const entries: Array<[string, string | undefined]> = [
    ['beskedId', besked.beskedId],
    ['beskedtype', besked.beskedtype],
    ['transaktionsId', besked.transaktionsId],
    ['transaktionsTid', besked.transaktionsTid],
    ['objektId', besked.objekt.objektId],
    ['objektType', besked.objekt.objektType],
    ['objektAnsvarligMyndighed', besked.objekt.ansvarligMyndighed],
    ['opgaveEmne', besked.objekt.opgaveEmne],
    ['handling', besked.objekt.handling],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

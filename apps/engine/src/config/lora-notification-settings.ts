import { readFileSync } from 'node:fs';
import { LIVSCYKLUSKODER, LORA_OBJECT_TYPES, type Livscykluskode } from '#lora';
import { redactUrl } from '#store';

/** What the engine does when a LoRA object of `type` gets a registration with `livscykluskode`. */
export type LoraReaction = { type: string; livscykluskode: Livscykluskode } & (
  | { startProcess: string; correlateMessage?: undefined }
  | { correlateMessage: string; startProcess?: undefined }
);

/**
 * LoRA change notifications: the RabbitMQ they are published to (AMQP_URL; absent: they stay in the outbox), the
 * topic exchange, and the engine's reactions to them with the queue it consumes them from.
 */
export interface LoraNotificationSettings {
  amqpUrl: string | undefined;
  exchange: string;
  reactions: LoraReaction[];
  reactionsQueue: string;
  /**
   * Where notifications a reaction was refused for go, with the reason (LORA_REACTIONS_DEAD_LETTER_QUEUE); absent:
   * `<reactionsQueue>.dlq` (see {@link reactionsDeadLetterQueueOf}).
   */
  reactionsDeadLetterQueue?: string;
  /** How long published notifications stay in the outbox (LORA_NOTIFICATIONS_RETENTION_DAYS, default 7). */
  retentionMs: number;
}

interface Problem {
  setting: string;
  found: string;
  expected: string;
}

export const LORA_NOTIFICATION_DEFAULTS = {
  LORA_NOTIFICATIONS_EXCHANGE: 'lora.notifications',
  LORA_REACTIONS_QUEUE: 'kommune-flow.lora-reactions',
  LORA_NOTIFICATIONS_RETENTION_DAYS: '7',
} as const;

/** AMQP's exchange and queue names: up to 255 of letters, digits, `-`, `_`, `.`, `:`. */
const AMQP_NAME = /^[A-Za-z0-9_.:-]{1,255}$/;

const REACTION_EXPECTED =
  'a JSON array of {"type": "<LoRA type, e.g. sag>", "livscykluskode": "Opstaaet|Importeret|Passiveret|Slettet|Rettet", and "startProcess": "<process key>" or "correlateMessage": "<message name>"}';

/**
 * Reads AMQP_URL, LORA_NOTIFICATIONS_EXCHANGE, LORA_NOTIFICATIONS_RETENTION_DAYS, LORA_REACTIONS (JSON),
 * LORA_REACTIONS_FILE (the same in a file, added to it), LORA_REACTIONS_QUEUE and LORA_REACTIONS_DEAD_LETTER_QUEUE.
 * Every problem is added to `problems`; the URL is named without its password.
 */
export function loraNotificationSettingsFromEnvironment(
  env: Record<string, string | undefined>,
  problems: Problem[],
): LoraNotificationSettings {
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const amqpUrl = text('AMQP_URL');
  if (amqpUrl !== undefined && !isAmqpUrl(amqpUrl)) {
    problems.push({
      setting: 'AMQP_URL',
      found: `'${redactUrl(amqpUrl)}'`,
      expected: 'an amqp:// or amqps:// URL, e.g. amqp://user:password@rabbitmq:5672/vhost',
    });
  }
  const exchange =
    text('LORA_NOTIFICATIONS_EXCHANGE') ?? LORA_NOTIFICATION_DEFAULTS.LORA_NOTIFICATIONS_EXCHANGE;
  const reactionsQueue = text('LORA_REACTIONS_QUEUE') ?? LORA_NOTIFICATION_DEFAULTS.LORA_REACTIONS_QUEUE;
  const reactionsDeadLetterQueue = text('LORA_REACTIONS_DEAD_LETTER_QUEUE');
  const names: Array<[string, string]> = [
    ['LORA_NOTIFICATIONS_EXCHANGE', exchange],
    ['LORA_REACTIONS_QUEUE', reactionsQueue],
  ];
  if (reactionsDeadLetterQueue !== undefined) {
    names.push(['LORA_REACTIONS_DEAD_LETTER_QUEUE', reactionsDeadLetterQueue]);
  }
  for (const [setting, value] of names) {
    if (!AMQP_NAME.test(value) || value.startsWith('amq.')) {
      problems.push({
        setting,
        found: `'${value}'`,
        expected: "a name of letters, digits, '-', '_', '.' or ':' (at most 255), not starting with 'amq.'",
      });
    }
  }
  const reactions = [
    ...reactionsOf('LORA_REACTIONS', text('LORA_REACTIONS'), problems),
    ...reactionsOf('LORA_REACTIONS_FILE', text('LORA_REACTIONS_FILE'), problems),
  ];
  if (reactions.length > 0 && amqpUrl === undefined) {
    problems.push({
      setting: 'LORA_REACTIONS',
      found: `${reactions.length} reaction(s) without AMQP_URL`,
      expected: 'AMQP_URL set too: the engine receives the notifications it reacts to from RabbitMQ',
    });
  }
  const retentionText =
    text('LORA_NOTIFICATIONS_RETENTION_DAYS') ?? LORA_NOTIFICATION_DEFAULTS.LORA_NOTIFICATIONS_RETENTION_DAYS;
  const retentionDays = Number(retentionText);
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
    problems.push({
      setting: 'LORA_NOTIFICATIONS_RETENTION_DAYS',
      found: `'${retentionText}'`,
      expected: 'a number of days above 0 (e.g. 7 or 0.5) that published notifications stay in the outbox',
    });
  }
  const retentionMs = Math.round(retentionDays * 24 * 60 * 60 * 1000);
  return {
    amqpUrl,
    exchange,
    reactions,
    reactionsQueue,
    ...(reactionsDeadLetterQueue !== undefined ? { reactionsDeadLetterQueue } : {}),
    retentionMs,
  };
}

/** The queue refused notifications go to: LORA_REACTIONS_DEAD_LETTER_QUEUE, else `<LORA_REACTIONS_QUEUE>.dlq`. */
export function reactionsDeadLetterQueueOf(
  settings: Pick<LoraNotificationSettings, 'reactionsQueue' | 'reactionsDeadLetterQueue'>,
): string {
  return settings.reactionsDeadLetterQueue ?? `${settings.reactionsQueue}.dlq`;
}

function isAmqpUrl(value: string): boolean {
  try {
    return ['amqp:', 'amqps:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function reactionsOf(
  setting: 'LORA_REACTIONS' | 'LORA_REACTIONS_FILE',
  value: string | undefined,
  problems: Problem[],
): LoraReaction[] {
  if (value === undefined) return [];
  let json = value;
  if (setting === 'LORA_REACTIONS_FILE') {
    try {
      json = readFileSync(value, 'utf8');
    } catch (error) {
      problems.push({
        setting,
        found: `'${value}', which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        expected: 'the path of a readable JSON file of reactions',
      });
      return [];
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    problems.push({ setting, found: 'text that is not JSON', expected: REACTION_EXPECTED });
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push({ setting, found: 'JSON that is not an array', expected: REACTION_EXPECTED });
    return [];
  }
  const reactions: LoraReaction[] = [];
  for (const [index, entry] of parsed.entries()) {
    const reaction = reactionOf(entry);
    if (typeof reaction === 'string') {
      problems.push({ setting, found: `entry ${index}: ${reaction}`, expected: REACTION_EXPECTED });
    } else {
      reactions.push(reaction);
    }
  }
  return reactions;
}

/** The reaction an entry describes, or what is wrong with it. */
function reactionOf(entry: unknown): LoraReaction | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'not an object';
  const { type, livscykluskode, startProcess, correlateMessage } = entry as Record<string, unknown>;
  if (typeof type !== 'string' || !LORA_OBJECT_TYPES.some((known) => known.name === type)) {
    return `type ${JSON.stringify(type)} is not a LoRA type (${LORA_OBJECT_TYPES.map((known) => known.name).join(', ')})`;
  }
  if (!(LIVSCYKLUSKODER as readonly unknown[]).includes(livscykluskode)) {
    return `livscykluskode ${JSON.stringify(livscykluskode)} is not one of ${LIVSCYKLUSKODER.join(', ')}`;
  }
  const code = livscykluskode as Livscykluskode;
  const isName = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
  if (isName(startProcess) && correlateMessage === undefined) {
    return { type, livscykluskode: code, startProcess };
  }
  if (isName(correlateMessage) && startProcess === undefined) {
    return { type, livscykluskode: code, correlateMessage };
  }
  return 'it needs exactly one of "startProcess" (a process key) and "correlateMessage" (a message name)';
}

import type { LoraObjectType } from '../object-types/lora-object-types.js';
import { LoraRequestError } from '../api/lora-request.error.js';
import {
  formatLoraInstant,
  instantOfStored,
  overlaps,
  parseLoraInstant,
  storedInstant,
  type LoraPeriod,
} from '../time/lora-time.js';

/** A `virkning` as stored: both ends in UTC ISO form (or ±infinity), the bounds' inclusion, and who said so. */
export interface StoredVirkning {
  from: string;
  to: string;
  from_included: boolean;
  to_included: boolean;
  aktoerref?: string;
  aktoertypekode?: string;
  notetekst?: string;
}

/** One attribute, state or relation entry: its fields and its virkning period. */
export type LoraItem = { virkning: StoredVirkning } & Record<string, unknown>;

/** What one registration says about an object; Dokument adds its `varianter`. */
export interface LoraContent {
  attributter: Record<string, LoraItem[]>;
  tilstande: Record<string, LoraItem[]>;
  relationer: Record<string, LoraItem[]>;
  varianter?: unknown[];
}

export const SECTIONS = ['attributter', 'tilstande', 'relationer'] as const;
export type Section = (typeof SECTIONS)[number];

/** The period a stored item holds for. */
export function periodOf(item: { virkning: StoredVirkning }): LoraPeriod {
  return { from: instantOfStored(item.virkning.from), to: instantOfStored(item.virkning.to) };
}

/** A copy of `item` holding for `period`, with `virkning`'s other fields from `virkning`. */
export function withPeriod(
  item: LoraItem,
  period: LoraPeriod,
  virkning: StoredVirkning = item.virkning,
): LoraItem {
  return {
    ...item,
    virkning: { ...virkning, from: storedInstant(period.from), to: storedInstant(period.to) },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A request's `virkning`, checked and stored; a period that ends before it starts is refused. */
function storedVirkning(value: unknown, path: string): StoredVirkning {
  if (!isObject(value)) throw new LoraRequestError(`${path}: expected an object with 'from' and 'to'`);
  const from = parseLoraInstant(value.from, `${path}.from`);
  const to = parseLoraInstant(value.to, `${path}.to`);
  if (to < from)
    throw new LoraRequestError(
      `${path}: 'to' (${String(value.to)}) is before 'from' (${String(value.from)})`,
    );
  const stored: StoredVirkning = {
    from: storedInstant(from),
    to: storedInstant(to),
    from_included: value.from_included === undefined ? true : value.from_included === true,
    to_included: value.to_included === true,
  };
  for (const key of ['aktoerref', 'aktoertypekode', 'notetekst'] as const) {
    if (typeof value[key] === 'string') stored[key] = value[key];
  }
  return stored;
}

/** Every `virkning` anywhere below `value` (Dokument's variants and parts too), checked and stored. */
function withStoredVirkninger(value: unknown, path: string): unknown {
  if (Array.isArray(value))
    return value.map((entry, index) => withStoredVirkninger(entry, `${path}[${index}]`));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      key === 'virkning'
        ? storedVirkning(entry, `${path}.virkning`)
        : withStoredVirkninger(entry, `${path}.${key}`),
    ]),
  );
}

/**
 * A request body's registration content, checked against the type's groups and with every virkning stored:
 * `attributter`, `tilstande`, `relationer` (and Dokument's `varianter`). On create and import an empty relation
 * list is dropped (LoRA's rule); on update (`forUpdate`) it stays, since there it clears the relation.
 */
export function contentOfRequest(
  type: LoraObjectType,
  body: Record<string, unknown>,
  forUpdate: boolean,
): LoraContent {
  const known: Record<Section, readonly string[]> = {
    attributter: Object.keys(type.attributes),
    tilstande: Object.keys(type.states),
    relationer: [...type.singleRelations, ...type.multiRelations],
  };
  const content: LoraContent = { attributter: {}, tilstande: {}, relationer: {} };
  for (const section of SECTIONS) {
    const groups = body[section] ?? {};
    if (!isObject(groups))
      throw new LoraRequestError(`${section}: expected an object, found ${JSON.stringify(groups)}`);
    for (const [group, items] of Object.entries(groups)) {
      const path = `${section}.${group}`;
      if (!known[section].includes(group)) {
        throw new LoraRequestError(
          `${path}: ${type.className} has no ${section} '${group}'; expected one of ${known[section].join(', ') || '(none)'}`,
        );
      }
      if (!Array.isArray(items))
        throw new LoraRequestError(`${path}: expected a list, found ${JSON.stringify(items)}`);
      if (section === 'relationer' && items.length === 0 && !forUpdate) continue;
      content[section][group] = items.map((item, index) => {
        const itemPath = `${path}[${index}]`;
        if (!isObject(item)) throw new LoraRequestError(`${itemPath}: expected an object with a 'virkning'`);
        if (item.virkning === undefined) throw new LoraRequestError(`${itemPath}: 'virkning' is missing`);
        return withStoredVirkninger(item, itemPath) as LoraItem;
      });
    }
  }
  if (body.varianter !== undefined) {
    if (type.name !== 'dokument') throw new LoraRequestError(`varianter: only a Dokument has variants`);
    if (!Array.isArray(body.varianter)) throw new LoraRequestError('varianter: expected a list');
    content.varianter = withStoredVirkninger(body.varianter, 'varianter') as unknown[];
  }
  return content;
}

/** Drops what does not hold during `period` from every list of virkning-carrying entries below `value`. */
function sliced(value: unknown, period: LoraPeriod): unknown {
  if (Array.isArray(value)) {
    return value
      .filter(
        (entry) =>
          !isObject(entry) || !isObject(entry.virkning) || overlaps(periodOf(entry as LoraItem), period),
      )
      .map((entry) => sliced(entry, period));
  }
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      key === 'virkning' && isObject(entry)
        ? formattedVirkning(entry as unknown as StoredVirkning)
        : sliced(entry, period),
    ]),
  );
}

function formattedVirkning(virkning: StoredVirkning): Record<string, unknown> {
  return {
    ...virkning,
    from: formatLoraInstant(instantOfStored(virkning.from)),
    to: formatLoraInstant(instantOfStored(virkning.to)),
  };
}

/**
 * The content as LoRA answers it for a virkning period: entries whose virkning overlaps the period, whole (not
 * clipped), timestamps in LoRA's form; groups and sections with nothing left are left out.
 */
export function renderContent(content: LoraContent, period: LoraPeriod): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const section of SECTIONS) {
    const groups: Record<string, unknown> = {};
    for (const [group, items] of Object.entries(content[section] ?? {})) {
      const kept = sliced(items, period) as unknown[];
      if (kept.length > 0) groups[group] = kept;
    }
    if (Object.keys(groups).length > 0) rendered[section] = groups;
  }
  if (content.varianter !== undefined) rendered.varianter = sliced(content.varianter, period);
  return rendered;
}

/** A JSON text that is the same for equal contents, whatever the order of keys and of entries in lists. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).sort().join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

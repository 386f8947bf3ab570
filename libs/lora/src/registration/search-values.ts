import { groupSuffix, type LoraObjectType } from '../object-types/lora-object-types.js';
import { periodOf, type LoraContent, type LoraItem } from './lora-content.js';
import { LORA_INFINITY, LORA_MINUS_INFINITY, type LoraPeriod } from '../time/lora-time.js';

/** What a search can match in a registration: attribute fields, states, relations and virkning notes. */
export type SearchKind = 'attribut' | 'tilstand' | 'relation' | 'notetekst';

/** One searchable value of a registration, lower-cased, with the virkning period it holds for. */
export interface SearchValue {
  kind: SearchKind;
  /** The attribute field, the state's group suffix (`publiceret`), the relation name, or `notetekst`. */
  name: string;
  value: string;
  objekttype: string | null;
  period: LoraPeriod;
}

/** Every text leaf of an attribute value: strings, numbers and booleans, inside lists and objects too. */
function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textsOf);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return [String(value)];
  return [];
}

/** The rows a registration is searched by (`lora_search_values`), one per value and period. */
export function searchValuesOf(type: LoraObjectType, content: LoraContent): SearchValue[] {
  const values: SearchValue[] = [];
  const note = (item: LoraItem) => {
    if (item.virkning.notetekst) {
      values.push({
        kind: 'notetekst',
        name: 'notetekst',
        value: item.virkning.notetekst.toLowerCase(),
        objekttype: null,
        period: periodOf(item),
      });
    }
  };
  for (const items of Object.values(content.attributter)) {
    for (const item of items) {
      note(item);
      for (const [field, value] of Object.entries(item)) {
        if (field === 'virkning') continue;
        for (const text of textsOf(value)) {
          values.push({
            kind: 'attribut',
            name: field,
            value: text.toLowerCase(),
            objekttype: null,
            period: periodOf(item),
          });
        }
      }
    }
  }
  for (const [group, items] of Object.entries(content.tilstande)) {
    const state = type.states[group]?.field ?? groupSuffix(type, group);
    for (const item of items) {
      note(item);
      const value = item[state];
      if (typeof value === 'string') {
        values.push({
          kind: 'tilstand',
          name: groupSuffix(type, group),
          value: value.toLowerCase(),
          objekttype: null,
          period: periodOf(item),
        });
      }
    }
  }
  for (const [name, items] of Object.entries(content.relationer)) {
    for (const item of items) {
      note(item);
      relationValue(values, name, item);
    }
  }
  values.push(...dokumentPartValues(content));
  return values;
}

/** A Dokument is also searched by its variants' and parts' names and by its parts' relations (as LoRA's). */
export const DOKUMENT_PART_FIELDS = ['varianttekst', 'deltekst'] as const;
export const DOKUMENT_PART_RELATIONS = ['underredigeringaf'] as const;

type Variant = {
  varianttekst?: unknown;
  dele?: Array<{ deltekst?: unknown; relationer?: Record<string, LoraItem[]> }>;
};

function dokumentPartValues(content: LoraContent): SearchValue[] {
  const always = { from: LORA_MINUS_INFINITY, to: LORA_INFINITY };
  const values: SearchValue[] = [];
  const text = (name: string, value: unknown) => {
    if (typeof value === 'string')
      values.push({ kind: 'attribut', name, value: value.toLowerCase(), objekttype: null, period: always });
  };
  for (const variant of (content.varianter ?? []) as Variant[]) {
    text('varianttekst', variant.varianttekst);
    for (const part of variant.dele ?? []) {
      text('deltekst', part.deltekst);
      for (const [name, items] of Object.entries(part.relationer ?? {})) {
        for (const item of items) relationValue(values, name, item);
      }
    }
  }
  return values;
}

/** A relation entry's search value: its uuid, or else its urn, with its objekttype; an empty reference has none. */
function relationValue(values: SearchValue[], name: string, item: LoraItem): void {
  const reference =
    typeof item.uuid === 'string' && item.uuid ? item.uuid : typeof item.urn === 'string' ? item.urn : '';
  if (!reference) return;
  values.push({
    kind: 'relation',
    name,
    value: reference.toLowerCase(),
    objekttype: typeof item.objekttype === 'string' ? item.objekttype.toLowerCase() : null,
    period: periodOf(item),
  });
}

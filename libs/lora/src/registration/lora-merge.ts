import type { LoraObjectType } from '../object-types/lora-object-types.js';
import { compareInstants, earlier, later, overlaps, type LoraPeriod } from '../time/lora-time.js';
import { periodOf, withPeriod, type LoraContent, type LoraItem } from './lora-content.js';

/** How the old entry (if any) and the new one combine where their periods meet; `undefined` leaves nothing there. */
type Combine = (previous: LoraItem | undefined, incoming: LoraItem) => LoraItem | undefined;

/**
 * LoRA's cut: `incoming` covers its period; old entries survive outside it (trimmed), and inside it each old entry
 * is combined with the new one, as is any part of the period no old entry covered.
 */
export function cutByPeriod(old: LoraItem[], incoming: LoraItem, combine: Combine): LoraItem[] {
  const period = periodOf(incoming);
  const result: LoraItem[] = [];
  const covered: LoraPeriod[] = [];
  for (const item of old) {
    const own = periodOf(item);
    if (!overlaps(own, period)) {
      result.push(item);
      continue;
    }
    if (own.from < period.from) result.push(withPeriod(item, { from: own.from, to: period.from }));
    if (own.to > period.to) result.push(withPeriod(item, { from: period.to, to: own.to }));
    const inside = { from: later(own.from, period.from), to: earlier(own.to, period.to) };
    const merged = combine(item, incoming);
    if (merged) result.push(withPeriod(merged, inside, incoming.virkning));
    covered.push(inside);
  }
  for (const gap of uncovered(period, covered)) {
    const merged = combine(undefined, incoming);
    if (merged) result.push(withPeriod(merged, gap, incoming.virkning));
  }
  return result;
}

/** The parts of `period` that none of `covered` covers. */
function uncovered(period: LoraPeriod, covered: LoraPeriod[]): LoraPeriod[] {
  const gaps: LoraPeriod[] = [];
  let from = period.from;
  for (const part of [...covered].sort((a, b) => compareInstants(a.from, b.from))) {
    if (part.from > from) gaps.push({ from, to: part.from });
    from = later(from, part.to);
  }
  if (from < period.to) gaps.push({ from, to: period.to });
  return gaps;
}

const fieldsOf = (item: LoraItem) => Object.keys(item).filter((key) => key !== 'virkning');

/**
 * Attributes merge field by field: a field the update leaves out (or sends as null) keeps its old value, an empty
 * string clears it; an entry with no field left is dropped.
 */
const combineAttributes: Combine = (previous, incoming) => {
  const merged: Record<string, unknown> = { ...(previous ?? {}) };
  for (const field of fieldsOf(incoming)) {
    const value = incoming[field];
    if (value === '') delete merged[field];
    else if (value !== null && value !== undefined) merged[field] = value;
  }
  merged.virkning = incoming.virkning;
  return fieldsOf(merged as LoraItem).length > 0 ? (merged as LoraItem) : undefined;
};

/** A state: the new value replaces the old one; an empty value clears it. */
const replaceState: Combine = (_previous, incoming) =>
  fieldsOf(incoming).some((field) => incoming[field] !== '' && incoming[field] !== null)
    ? incoming
    : undefined;

/** A 0..1 relation (or an indexed entry): the new reference replaces the old one; an empty uuid and urn clear it. */
const replaceRelation: Combine = (_previous, incoming) => (isEmptyReference(incoming) ? undefined : incoming);

/** Fields every relation entry may have; any other field with a value (Tilstand's `tilstandsvaerdiattr`) is content. */
const REFERENCE_FIELDS = new Set(['virkning', 'uuid', 'urn', 'objekttype', 'indeks']);

/**
 * An entry that says nothing: no uuid, no urn, and no other field with a value. Tilstand's `tilstandsvaerdi` entries
 * carry their value in `tilstandsvaerdiattr` and need no reference.
 */
const isEmptyReference = (item: LoraItem) =>
  !item.uuid &&
  !item.urn &&
  Object.entries(item).every(
    ([field, value]) => REFERENCE_FIELDS.has(field) || value === undefined || value === null || value === '',
  );

/** Applies each incoming entry in order over the old list. */
function cutAll(old: LoraItem[] | undefined, incoming: LoraItem[], combine: Combine): LoraItem[] {
  return incoming.reduce((items, item) => cutByPeriod(items, item, combine), old ?? []);
}

/** 0..n relations of Sag, Aktivitet, Indsats and Tilstand: entries are matched by `indeks`; a new one is numbered. */
function mergeIndexed(old: LoraItem[] | undefined, incoming: LoraItem[]): LoraItem[] {
  if (incoming.length === 0) return [];
  let items = old ?? [];
  for (const item of incoming) {
    if (typeof item.indeks === 'number') {
      const same = items.filter((entry) => entry.indeks === item.indeks);
      const others = items.filter((entry) => entry.indeks !== item.indeks);
      items = [...others, ...cutByPeriod(same, item, replaceRelation)];
    } else if (!isEmptyReference(item)) {
      const next =
        Math.max(0, ...items.map((entry) => (typeof entry.indeks === 'number' ? entry.indeks : 0))) + 1;
      items = [...items, { ...item, indeks: next }];
    }
  }
  return items;
}

/**
 * An update's content over the current registration's, by LoRA's rules: attributes, states and 0..1 relations are
 * cut by virkning period; 0..n relations named in the update are replaced as a whole (an empty list clears them), or
 * for types with `indeks` matched entry by entry; groups the update does not name stay as they are.
 */
export function mergeUpdate(type: LoraObjectType, current: LoraContent, update: LoraContent): LoraContent {
  const merged: LoraContent = {
    attributter: { ...current.attributter },
    tilstande: { ...current.tilstande },
    relationer: { ...current.relationer },
    ...(current.varianter !== undefined ? { varianter: current.varianter } : {}),
  };
  for (const [group, items] of Object.entries(update.attributter)) {
    merged.attributter[group] = cutAll(current.attributter[group], items, combineAttributes);
  }
  for (const [group, items] of Object.entries(update.tilstande)) {
    merged.tilstande[group] = cutAll(current.tilstande[group], items, replaceState);
  }
  for (const [name, items] of Object.entries(update.relationer)) {
    if (type.singleRelations.includes(name)) {
      merged.relationer[name] = cutAll(current.relationer[name], items, replaceRelation);
    } else if (type.indexedRelations) {
      merged.relationer[name] = mergeIndexed(current.relationer[name], items);
    } else {
      merged.relationer[name] = items.filter((item) => !isEmptyReference(item));
    }
  }
  if (update.varianter !== undefined)
    merged.varianter = mergeVariants(current.varianter ?? [], update.varianter);
  return withoutEmptyGroups(merged);
}

/** Drops groups left with no entries, so a cleared group reads as absent, as in LoRA. */
export function withoutEmptyGroups(content: LoraContent): LoraContent {
  const pruned = (groups: Record<string, LoraItem[]>) =>
    Object.fromEntries(Object.entries(groups).filter(([, items]) => items.length > 0));
  return {
    ...content,
    attributter: pruned(content.attributter),
    tilstande: pruned(content.tilstande),
    relationer: pruned(content.relationer),
  };
}

type Variant = { varianttekst?: unknown; egenskaber?: LoraItem[]; dele?: Part[] } & Record<string, unknown>;
type Part = { deltekst?: unknown; egenskaber?: LoraItem[]; relationer?: Record<string, LoraItem[]> } & Record<
  string,
  unknown
>;

/**
 * Dokument's variants: matched by `varianttekst`, their parts by `deltekst`; properties are cut by period like
 * attributes, a part's relations named in the update replace the old ones; new variants and parts are added.
 */
function mergeVariants(current: unknown[], update: unknown[]): unknown[] {
  const variants = [...(current as Variant[])];
  for (const incoming of update as Variant[]) {
    const index = variants.findIndex((variant) => variant.varianttekst === incoming.varianttekst);
    if (index < 0) {
      variants.push(incoming);
      continue;
    }
    const old = variants[index];
    const parts = [...(old.dele ?? [])];
    for (const part of incoming.dele ?? []) {
      const partIndex = parts.findIndex((entry) => entry.deltekst === part.deltekst);
      if (partIndex < 0) {
        parts.push(part);
        continue;
      }
      const oldPart = parts[partIndex];
      parts[partIndex] = {
        ...oldPart,
        egenskaber: cutAll(oldPart.egenskaber, part.egenskaber ?? [], combineAttributes),
        relationer: { ...(oldPart.relationer ?? {}), ...(part.relationer ?? {}) },
      };
    }
    variants[index] = {
      ...old,
      egenskaber: cutAll(old.egenskaber, incoming.egenskaber ?? [], combineAttributes),
      dele: parts,
    };
  }
  return variants;
}

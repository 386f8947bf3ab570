import { LoraRequestError } from './lora-request.error.js';
import {
  instantOfEpochMilliseconds,
  LORA_INFINITY,
  LORA_MINUS_INFINITY,
  nextInstant,
  parseLoraInstant,
  type LoraPeriod,
} from '../time/lora-time.js';

/** A request's query parameters, names lower-cased and aliases resolved (LoRA's names are case-insensitive). */
export type LoraParameters = Map<string, string[]>;

const ALIASES: Record<string, string> = { bvn: 'brugervendtnoegle' };

/** The parameters that choose a time slice; every read, list and search takes them. */
export const TEMPORAL_PARAMETERS = [
  'registreretfra',
  'registrerettil',
  'registreringstid',
  'virkningfra',
  'virkningtil',
  'virkningstid',
] as const;

/** The parameters every search takes besides the type's own fields. */
export const GENERAL_SEARCH_PARAMETERS = [
  'brugerref',
  'foersteresultat',
  'livscykluskode',
  'maximalantalresultater',
  'notetekst',
  'uuid',
  'vilkaarligattr',
  'vilkaarligrel',
  'list',
] as const;

/** The query string of a request URL as {@link LoraParameters}, repeated names kept in order. */
export function loraParametersOf(url: string): LoraParameters {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const parameters: LoraParameters = new Map();
  for (const [rawName, value] of new URLSearchParams(query)) {
    const lower = rawName.toLowerCase();
    const name = ALIASES[lower] ?? lower;
    parameters.set(name, [...(parameters.get(name) ?? []), value]);
  }
  return parameters;
}

/** Refuses parameters the operation does not know, as LoRA does: a 400 naming them. */
export function refuseUnknownParameters(parameters: LoraParameters, known: (name: string) => boolean): void {
  const unknown = [...parameters.keys()].filter((name) => !known(name)).sort();
  if (unknown.length > 0) throw new LoraRequestError(`Unsupported argument(s): ${unknown.join(', ')}`);
}

/** The one value of a parameter (the first if repeated), or undefined. */
export function single(parameters: LoraParameters, name: string): string | undefined {
  return parameters.get(name)?.[0];
}

/** A whole number parameter ≥ 0, or undefined. */
export function wholeNumber(parameters: LoraParameters, name: string): number | undefined {
  const text = single(parameters, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text.trim()))
    throw new LoraRequestError(`${name}: expected a whole number ≥ 0, found '${text}'`);
  return Number(text.trim());
}

/** The periods on both axes a read, list or search looks at. */
export interface LoraTimeSlice {
  virkning: LoraPeriod;
  registration: LoraPeriod;
  /** No registration time was asked for: the current registrations (the partial index on them serves this). */
  currentRegistration: boolean;
}

/**
 * The time slice the parameters ask for, as LoRA reads them: `virkningstid`/`registreringstid` are one instant
 * (and conflict with the ranges), `…Fra`/`…Til` a range open at an end left out; nothing means `now` (epoch
 * milliseconds).
 */
export function timeSliceOf(parameters: LoraParameters, now: number): LoraTimeSlice {
  return {
    virkning: axisOf(parameters, 'virkningstid', 'virkningfra', 'virkningtil', now),
    registration: axisOf(parameters, 'registreringstid', 'registreretfra', 'registrerettil', now),
    currentRegistration: ['registreringstid', 'registreretfra', 'registrerettil'].every(
      (name) => !parameters.has(name),
    ),
  };
}

function axisOf(
  parameters: LoraParameters,
  at: string,
  fromName: string,
  toName: string,
  nowMilliseconds: number,
): LoraPeriod {
  const instant = single(parameters, at);
  const from = single(parameters, fromName);
  const to = single(parameters, toName);
  if (instant !== undefined) {
    if (from !== undefined || to !== undefined) {
      throw new LoraRequestError(`'${fromName}'/'${toName}' conflict with '${at}'`);
    }
    const point = parseLoraInstant(instant, at);
    return { from: point, to: nextInstant(point) };
  }
  if (from === undefined && to === undefined) {
    const now = instantOfEpochMilliseconds(nowMilliseconds);
    return { from: now, to: nextInstant(now) };
  }
  return {
    from: from === undefined ? LORA_MINUS_INFINITY : parseLoraInstant(from, fromName),
    to: to === undefined ? LORA_INFINITY : parseLoraInstant(to, toName),
  };
}

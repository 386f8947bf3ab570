import { LoraLookupError } from './lora-client-error.js';
import type { LoraObject, LoraTimeSlice } from './lora-client-types.js';
import { attributeOf, relationsOf } from './lora-registration-values.js';
import type { LoraTypeClient } from './lora-type-client.js';

/** An organisation unit, as the operations answer it. */
export interface LoraOrgUnit {
  uuid: string;
  brugervendtnoegle: string | null;
  enhedsnavn: string | null;
}

/** A unit's manager: the bruger, and the unit whose manager function named it (an overordnet one when inherited). */
export interface LoraManager {
  uuid: string;
  brugervendtnoegle: string | null;
  brugernavn: string | null;
  /** The unit the manager function belongs to: the unit itself, or the nearest overordnet unit with a manager. */
  unitUuid: string;
}

export interface LoraOrgUnitWithManager {
  unit: LoraOrgUnit;
  /** null when neither the unit nor any unit above it has a manager. */
  manager: LoraManager | null;
}

/** A klasse, as the operations answer it. */
export interface LoraKlasse {
  uuid: string;
  brugervendtnoegle: string | null;
  titel: string | null;
  facetUuid: string | null;
}

/** The organisationfunktion `funktionsnavn` of a manager (OS2mo's modelling: a Leder function on the unit). */
export const MANAGER_FUNCTION_NAME = 'Leder';
/** The organisationfunktion `funktionsnavn` of a KLE responsibility (OS2mo's modelling). */
export const KLE_FUNCTION_NAME = 'KLE';
/** How far up the `overordnet` chain a manager is looked for. */
const MAX_UNIT_DEPTH = 20;

/** The client's types the organisation operations read. */
export interface OrganisationReaders {
  readonly organisationenhed: LoraTypeClient;
  readonly organisationfunktion: LoraTypeClient;
  readonly bruger: LoraTypeClient;
  readonly klasse: LoraTypeClient;
  readonly facet: LoraTypeClient;
  readonly klassifikation: LoraTypeClient;
}

export function orgUnitOf(object: LoraObject): LoraOrgUnit {
  return {
    uuid: object.id,
    brugervendtnoegle: attributeOf(object, 'organisationenhedegenskaber', 'brugervendtnoegle') ?? null,
    enhedsnavn: attributeOf(object, 'organisationenhedegenskaber', 'enhedsnavn') ?? null,
  };
}

export function klasseOf(object: LoraObject): LoraKlasse {
  return {
    uuid: object.id,
    brugervendtnoegle: attributeOf(object, 'klasseegenskaber', 'brugervendtnoegle') ?? null,
    titel: attributeOf(object, 'klasseegenskaber', 'titel') ?? null,
    facetUuid: relationsOf(object, 'facet')[0]?.uuid ?? null,
  };
}

/**
 * The unit and its manager at the slice. A manager is an active organisationfunktion with funktionsnavn `Leder`
 * whose `tilknyttedeenheder` names the unit and whose `tilknyttedebrugere` names the bruger (OS2mo's modelling). A
 * unit without one (or with a vacant one) inherits the manager of the nearest unit above it (`overordnet`), as
 * OS2mo does; `inherit: false` answers null instead.
 */
export async function orgUnitWithManager(
  readers: OrganisationReaders,
  uuid: string,
  at: LoraTimeSlice,
  inherit = true,
): Promise<LoraOrgUnitWithManager> {
  const unitObject = await readers.organisationenhed.read(uuid, at);
  let current: LoraObject | undefined = unitObject;
  for (let depth = 0; current && depth < MAX_UNIT_DEPTH; depth += 1) {
    const manager = await managerOf(readers, current.id, at);
    if (manager || !inherit) return { unit: orgUnitOf(unitObject), manager };
    const parent: string | undefined = relationsOf(current, 'overordnet')[0]?.uuid;
    // The top unit's overordnet is the organisation itself: not a unit, so the search ends there.
    current = parent ? (await readers.organisationenhed.list([parent], at))[0] : undefined;
  }
  return { unit: orgUnitOf(unitObject), manager: null };
}

async function managerOf(
  readers: OrganisationReaders,
  unitUuid: string,
  at: LoraTimeSlice,
): Promise<LoraManager | null> {
  const functions = await readers.organisationfunktion.searchObjects(
    { funktionsnavn: MANAGER_FUNCTION_NAME, tilknyttedeenheder: unitUuid, gyldighed: 'Aktiv' },
    at,
  );
  const brugerUuids = [
    ...new Set(
      functions.flatMap((fn) =>
        relationsOf(fn, 'tilknyttedebrugere').flatMap((r) => (r.uuid ? [r.uuid] : [])),
      ),
    ),
  ].sort();
  if (brugerUuids.length === 0) return null;
  if (brugerUuids.length > 1) {
    throw new LoraLookupError(
      'AMBIGUOUS',
      `Organisation unit ${unitUuid} has ${brugerUuids.length} managers`,
    );
  }
  const [bruger] = await readers.bruger.list(brugerUuids, at);
  return {
    uuid: brugerUuids[0]!,
    brugervendtnoegle: bruger ? (attributeOf(bruger, 'brugeregenskaber', 'brugervendtnoegle') ?? null) : null,
    brugernavn: bruger ? (attributeOf(bruger, 'brugeregenskaber', 'brugernavn') ?? null) : null,
    unitUuid,
  };
}

/**
 * The klasse with this brugervendtnoegle (exactly; LoRA's `%` is escaped), in the facet with brugervendtnoegle
 * `facet` when given. None is a {@link LoraLookupError} NOT_FOUND, more than one AMBIGUOUS.
 */
export async function klasseByBrugervendtnoegle(
  readers: OrganisationReaders,
  brugervendtnoegle: string,
  at: LoraTimeSlice,
  facet?: string,
): Promise<LoraKlasse> {
  const facetUuids = facet === undefined ? undefined : await facetsByBrugervendtnoegle(readers, facet, at);
  const found = await klasserWith(readers, brugervendtnoegle, at, facetUuids);
  const where = facet === undefined ? '' : ` in facet '${facet}'`;
  if (found.length === 0) throw new LoraLookupError('NOT_FOUND', `No klasse '${brugervendtnoegle}'${where}`);
  if (found.length > 1)
    throw new LoraLookupError(
      'AMBIGUOUS',
      `${found.length} klasser are called '${brugervendtnoegle}'${where}`,
    );
  return found[0]!;
}

/** LoRA's search treats `%` and `_` as wildcards: an exact match escapes them (and filters again here). */
function exactly(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

async function facetsByBrugervendtnoegle(readers: OrganisationReaders, bvn: string, at: LoraTimeSlice) {
  const facets = await readers.facet.searchObjects({ brugervendtnoegle: exactly(bvn) }, at);
  const uuids = facets
    .filter(
      (object) =>
        attributeOf(object, 'facetegenskaber', 'brugervendtnoegle')?.toLowerCase() === bvn.toLowerCase(),
    )
    .map((object) => object.id);
  if (uuids.length === 0) throw new LoraLookupError('NOT_FOUND', `No facet '${bvn}'`);
  return new Set(uuids);
}

async function klasserWith(
  readers: OrganisationReaders,
  bvn: string,
  at: LoraTimeSlice,
  facetUuids: ReadonlySet<string> | undefined,
): Promise<LoraKlasse[]> {
  const objects = await readers.klasse.searchObjects({ brugervendtnoegle: exactly(bvn) }, at);
  return objects
    .map(klasseOf)
    .filter((klasse) => klasse.brugervendtnoegle?.toLowerCase() === bvn.toLowerCase())
    .filter(
      (klasse) => facetUuids === undefined || (klasse.facetUuid !== null && facetUuids.has(klasse.facetUuid)),
    )
    .sort((a, b) => a.uuid.localeCompare(b.uuid));
}

/** Who does what for a KLE emne: `ansvarlig` (responsible) or `udfoerende` (carries it out). */
export type KleRole = 'ansvarlig' | 'udfoerende';

/** The KLE aspect klasse names each role matches (OS2mo's `kle_aspect` facet spells `Udførende`). */
const ASPECT_NAMES: Record<KleRole, readonly string[]> = {
  ansvarlig: ['ansvarlig'],
  udfoerende: ['udfoerende', 'udførende'],
};

export interface KleResponsibility extends LoraOrgUnitWithManager {
  /** The KLE klasse that decided: the number asked for, or the gruppe or hovedgruppe above it. */
  kle: LoraKlasse;
}

export interface KleOptions {
  /** The brugervendtnoegle of the KLE klassifikation (default `KLE`). */
  klassifikation?: string;
  /** Look up the manager above a unit without one (default true). */
  inheritManager?: boolean;
}

/**
 * The unit responsible for a KLE number in the given role, with its manager. The modelling (OS2mo's): the KLE
 * numbers are klasser (brugervendtnoegle `27.24.00`, `27.24`, `27`) in facets of the klassifikation `KLE`; a unit's
 * responsibility is an active organisationfunktion with funktionsnavn `KLE`, `tilknyttedeenheder` → the unit and
 * `opgaver` → the KLE klasse (objekttype `opgave`) and the aspect klasse (objekttype `aspekt`, brugervendtnoegle
 * `Ansvarlig` or `Udfoerende`/`Udførende`). The most specific number wins: with no unit for `27.24.00`, the unit
 * for the gruppe `27.24`, then the hovedgruppe `27`. None: NOT_FOUND; two units for one number: AMBIGUOUS.
 */
export async function unitResponsibleForKle(
  readers: OrganisationReaders,
  kleNumber: string,
  role: KleRole,
  at: LoraTimeSlice,
  options: KleOptions = {},
): Promise<KleResponsibility> {
  if (!/^\d{2}(\.\d{2}(\.\d{2})?)?$/.test(kleNumber)) {
    throw new LoraLookupError('NOT_FOUND', `'${kleNumber}' is not a KLE number (NN, NN.NN or NN.NN.NN)`);
  }
  const klassifikationBvn = options.klassifikation ?? 'KLE';
  const kleFacets = await kleFacetsOf(readers, klassifikationBvn, at);
  const parts = kleNumber.split('.');
  const candidates = parts.map((_, index) => parts.slice(0, parts.length - index).join('.'));
  for (const number of candidates) {
    const klasser = await klasserWith(readers, number, at, kleFacets);
    if (klasser.length > 1)
      throw new LoraLookupError('AMBIGUOUS', `${klasser.length} KLE klasser are called '${number}'`);
    const kle = klasser[0];
    if (!kle) continue;
    const units = await unitsFor(readers, kle.uuid, role, at);
    if (units.length > 1) {
      throw new LoraLookupError('AMBIGUOUS', `${units.length} units are '${role}' for KLE ${number}`);
    }
    if (units.length === 1) {
      return { kle, ...(await orgUnitWithManager(readers, units[0]!, at, options.inheritManager ?? true)) };
    }
  }
  throw new LoraLookupError('NOT_FOUND', `No unit is '${role}' for KLE ${kleNumber}`);
}

async function kleFacetsOf(
  readers: OrganisationReaders,
  bvn: string,
  at: LoraTimeSlice,
): Promise<Set<string>> {
  const klassifikationer = (
    await readers.klassifikation.searchObjects({ brugervendtnoegle: exactly(bvn) }, at)
  )
    .filter(
      (object) =>
        attributeOf(object, 'klassifikationegenskaber', 'brugervendtnoegle')?.toLowerCase() ===
        bvn.toLowerCase(),
    )
    .map((object) => object.id);
  if (klassifikationer.length === 0) throw new LoraLookupError('NOT_FOUND', `No klassifikation '${bvn}'`);
  const facets = new Set<string>();
  for (const uuid of klassifikationer) {
    for (const facet of await readers.facet.search({ facettilhoerer: uuid }, at)) facets.add(facet);
  }
  return facets;
}

/** The units with an active KLE function for the klasse in the role. */
async function unitsFor(readers: OrganisationReaders, kleUuid: string, role: KleRole, at: LoraTimeSlice) {
  const functions = await readers.organisationfunktion.searchObjects(
    { funktionsnavn: KLE_FUNCTION_NAME, opgaver: kleUuid, gyldighed: 'Aktiv' },
    at,
  );
  const aspectUuids = [
    ...new Set(
      functions.flatMap((fn) =>
        relationsOf(fn, 'opgaver').flatMap((r) => (r.uuid && r.uuid !== kleUuid ? [r.uuid] : [])),
      ),
    ),
  ];
  const aspects = await readers.klasse.list(aspectUuids, at);
  const matching = new Set(
    aspects
      .filter((aspect) =>
        ASPECT_NAMES[role].includes(
          attributeOf(aspect, 'klasseegenskaber', 'brugervendtnoegle')?.toLowerCase() ?? '',
        ),
      )
      .map((aspect) => aspect.id),
  );
  const units = functions
    .filter((fn) => relationsOf(fn, 'opgaver').some((r) => r.uuid !== undefined && matching.has(r.uuid)))
    .flatMap((fn) => relationsOf(fn, 'tilknyttedeenheder').flatMap((r) => (r.uuid ? [r.uuid] : [])));
  return [...new Set(units)].sort();
}

/**
 * The shapes the LoRA client speaks: LoRA 1.3's objects as its OIO REST API writes and reads them, and the time
 * slices a read names. Group keys are the type's name plus the group (`organisationenhedegenskaber`).
 */

/** The 15 types LoRA serves, by the last segment of their path. */
export type LoraTypeName =
  | 'organisation'
  | 'organisationenhed'
  | 'organisationfunktion'
  | 'bruger'
  | 'itsystem'
  | 'interessefaellesskab'
  | 'facet'
  | 'klasse'
  | 'klassifikation'
  | 'sag'
  | 'dokument'
  | 'aktivitet'
  | 'indsats'
  | 'tilstand'
  | 'loghaendelse';

/** Where each type is served (`/{service}/{type}`), as LoRA 1.3 mounts them. */
export const LORA_TYPE_PATHS: Readonly<Record<LoraTypeName, string>> = {
  organisation: '/organisation/organisation',
  organisationenhed: '/organisation/organisationenhed',
  organisationfunktion: '/organisation/organisationfunktion',
  bruger: '/organisation/bruger',
  itsystem: '/organisation/itsystem',
  interessefaellesskab: '/organisation/interessefaellesskab',
  facet: '/klassifikation/facet',
  klasse: '/klassifikation/klasse',
  klassifikation: '/klassifikation/klassifikation',
  sag: '/sag/sag',
  dokument: '/dokument/dokument',
  aktivitet: '/aktivitet/aktivitet',
  indsats: '/indsats/indsats',
  tilstand: '/tilstand/tilstand',
  loghaendelse: '/log/loghaendelse',
};

/** An instant on one axis: a Date, a LoRA/ISO timestamp text, or `'now'` — the server's now, chosen explicitly. */
export type LoraTime = Date | string;

/**
 * The slice a read looks at, on both axes: the caller always says which — `'now'` (the server's now on both axes)
 * or both instants. There is no default: a read at a silent "now" is the classic bitemporal bug.
 */
export type LoraTimeSlice = 'now' | { readonly virkningstid: LoraTime; readonly registreringstid: LoraTime };

/** Ranges on both axes (a read answers every registration and every virkning period in them). */
export interface LoraTimeRange {
  readonly virkningFra: LoraTime;
  readonly virkningTil: LoraTime;
  readonly registreretFra: LoraTime;
  readonly registreretTil: LoraTime;
}

/** When a fact holds in the world: `from`/`to` are timestamps or `-infinity`/`infinity`. */
export interface LoraVirkning {
  from: string;
  to: string;
  from_included?: boolean;
  to_included?: boolean;
  aktoerref?: string;
  aktoertypekode?: string;
  notetekst?: string;
}

/** An attribute group entry or a state entry: its fields and its virkning. */
export type LoraEntry = { virkning: LoraVirkning } & Record<string, unknown>;

/** A relation entry: exactly one of `uuid` or `urn`; Sag, Aktivitet, Indsats and Tilstand number theirs (`indeks`). */
export type LoraRelation = {
  uuid?: string;
  urn?: string;
  objekttype?: string;
  indeks?: number;
  virkning: LoraVirkning;
} & Record<string, unknown>;

/** What a create or an import sends (and, partially, an update). */
export interface LoraObjectInput {
  note?: string;
  attributter: Record<string, LoraEntry[]>;
  tilstande: Record<string, LoraEntry[]>;
  relationer?: Record<string, LoraRelation[]>;
  /** Dokument only: variants with their parts. */
  varianter?: unknown[];
}

/** An update: only the groups it names change (LoRA's merge rules). */
export interface LoraObjectUpdate {
  note?: string;
  attributter?: Record<string, LoraEntry[]>;
  tilstande?: Record<string, LoraEntry[]>;
  relationer?: Record<string, LoraRelation[]>;
  varianter?: unknown[];
}

/** One registration as a read answers it. */
export interface LoraRegistration {
  fratidspunkt: { tidsstempeldatotid: string; graenseindikator: boolean };
  tiltidspunkt: { tidsstempeldatotid: string; graenseindikator?: boolean };
  livscykluskode: 'Opstaaet' | 'Importeret' | 'Passiveret' | 'Slettet' | 'Rettet';
  brugerref?: string;
  note?: string;
  attributter?: Record<string, LoraEntry[]>;
  tilstande?: Record<string, LoraEntry[]>;
  relationer?: Record<string, LoraRelation[]>;
  varianter?: unknown[];
}

/** An object as a read answers it: its uuid and the registrations in the slice (one for a read at an instant). */
export interface LoraObject {
  id: string;
  registreringer: LoraRegistration[];
}

/** What a write answers: the object's uuid, and the `ETag` of its new registration for a conditional write. */
export interface LoraWriteResult {
  uuid: string;
  etag?: string;
}

/** A file part of a Dokument write (`indhold: "field:<field>"` refers to it). */
export interface LoraFilePart {
  field: string;
  filename: string;
  mimetype: string;
  content: Buffer;
}

export interface LoraWriteOptions {
  /** Write only if this is still the current registration (the `etag` a read or write answered): else 412. */
  ifMatch?: string;
  /** Dokument file parts: the write goes as LoRA's multipart request. */
  files?: readonly LoraFilePart[];
}

/** Search filters as LoRA names them (`brugervendtnoegle`, `tilknyttedeenheder`, `gyldighed`…); repeats as arrays. */
export type LoraSearchFilters = Readonly<Record<string, string | readonly string[]>>;

export interface LoraPaging {
  foersteresultat?: number;
  maximalantalresultater?: number;
}

import type { JournaliseInput, JournaliseResult } from '../client/lora-case-operations.js';
import type {
  KleResponsibility,
  KleRole,
  LoraKlasse,
  LoraOrgUnitWithManager,
} from '../client/lora-organisation-queries.js';
import type { LoraTime } from '../client/lora-client-types.js';

/**
 * The backbone: where a municipality holds its shared data — its own LoRA, or KOMBIT's støttesystemer
 * (Organisation SF1500, Klassifikation SF1510, Sags- og Dokumentindeks SF1470). Processes (through the connectors)
 * ask the backbone, never one of them, so a model keeps running when the municipality changes backbone.
 *
 * Every read answers the facts as they hold now, as the backbone knows them now (a process acts on the present).
 * The shapes are OIO's, which LoRA and the støttesystemer share: brugervendtnoegle, enhedsnavn, primaerklasse….
 * A lookup that finds nothing or more than one throws a `LoraLookupError` (`NOT_FOUND`, `AMBIGUOUS`) on every
 * backbone; a call the backbone refused or could not answer throws the backbone's own error (LoRA: `LoraClientError`).
 */
export interface Backbone {
  /** The organisation unit with its manager (inherited from the nearest unit above it without one of its own). */
  orgUnitWithManager(unitUuid: string): Promise<BackboneOrgUnitWithManager>;
  /** The unit that is `ansvarlig` (or `udfoerende`) for the KLE number — the most specific that has one — with its manager. */
  unitResponsibleForKle(kleNumber: string, role: KleRole): Promise<BackboneKleResponsibility>;
  /** The KLE emne (or gruppe, hovedgruppe) klasse with this number (`27.24.00`). */
  klasseByKleNumber(kleNumber: string): Promise<BackboneKlasse>;
  /** The klasse with this brugervendtnoegle, in the facet with brugervendtnoegle `facet` when given. */
  klasseByBrugervendtnoegle(brugervendtnoegle: string, facet?: string): Promise<BackboneKlasse>;
  /** The person's active engagements (employments) in units, sorted by unit. */
  personEngagements(personUuid: string): Promise<BackboneEngagement[]>;
  /**
   * Creates the case's index entry, or brings an existing one (same `uuid`) up to date: a retried call makes no
   * second case.
   */
  createOrUpdateSagIndex(input: SagIndexInput): Promise<SagIndexResult>;
  /** Journalises a document (a reference, optionally with its file) on the case; idempotent with the document's uuid. */
  journaliseDocumentReference(
    sagUuid: string,
    document: DocumentReferenceInput,
  ): Promise<DocumentReferenceResult>;
}

export type BackboneOrgUnitWithManager = LoraOrgUnitWithManager;
export type BackboneKleResponsibility = KleResponsibility;
export type BackboneKlasse = LoraKlasse;

/** One engagement: the person employed in a unit. */
export interface BackboneEngagement {
  /** The engagement's own uuid (LoRA: its organisationfunktion). */
  uuid: string;
  personUuid: string;
  unitUuid: string;
  /** The engagement's brugervendtnoegle (often the employment number), when the backbone has one. */
  brugervendtnoegle: string | null;
}

export interface SagIndexInput {
  /** The case's uuid: the same uuid updates the entry instead of making a second one. */
  uuid: string;
  titel: string;
  /** Defaults to the uuid. */
  sagsnummer?: string;
  /** The KLE emne klasse (uuid) the case is about. */
  primaerklasse: string;
  /** The KLE handlingsfacet klasse (uuid): what is done in the case (`G01` Generelle sager…). */
  handlingsfacet?: string;
  /** The responsible organisation unit (uuid). */
  ansvarlig: string;
  /** The primary party: a bruger's uuid or a urn (`urn:oio:cpr-nr:…`, `urn:oio:cvr-nr:…`). */
  primaerpart: string;
  /** The case handler (a bruger uuid). */
  primaerbehandler?: string;
  beskrivelse?: string;
  /** When the case holds from. */
  virkningFra: LoraTime;
}

export interface SagIndexResult {
  uuid: string;
  sagsnummer: string;
  /** True when the entry was made now, false when an existing one was updated. */
  created: boolean;
}

export type DocumentReferenceInput = JournaliseInput;
export type DocumentReferenceResult = JournaliseResult;

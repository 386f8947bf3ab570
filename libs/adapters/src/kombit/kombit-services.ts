import type {
  BackboneEngagement,
  BackboneKlasse,
  BackboneKleResponsibility,
  BackboneOrgUnitWithManager,
  DocumentReferenceInput,
  DocumentReferenceResult,
  KleRole,
  SagIndexInput,
  SagIndexResult,
} from '#lora';
import type { ConnectorContext } from '../contract/connector.js';

/**
 * The parts of KOMBIT's støttesystemer the KOMBIT backbone is made of. Each call is made for the calling tenant
 * (`context`: its settings under the `backbone` connector id, its function certificate, its STS tokens) and answers
 * in the backbone's shapes (`#lora`'s Backbone types), so the backbone only composes them.
 *
 * A lookup that finds nothing or more than one throws `LoraLookupError` (`NOT_FOUND` / `AMBIGUOUS`), as on LoRA;
 * a service failure throws the connector contract's `RetryableConnectorError` / `PermanentConnectorError`.
 */

/** Fælleskommunalt Organisationssystem (SF1500): read-only lookups. */
export interface KombitOrganisationService {
  orgUnitWithManager(context: ConnectorContext, unitUuid: string): Promise<BackboneOrgUnitWithManager>;
  /** `kle` is the klasse Klassifikation answered for the number (and its gruppe/hovedgruppe when asked up the tree). */
  unitResponsibleForKle(
    context: ConnectorContext,
    kleNumber: string,
    role: KleRole,
  ): Promise<BackboneKleResponsibility>;
  personEngagements(context: ConnectorContext, personUuid: string): Promise<BackboneEngagement[]>;
}

/** Klassifikationssystemet (SF1510): KLE emner and handlingsfacetter (and any klasse) by number → klasse. */
export interface KombitKlassifikationService {
  klasseByKleNumber(context: ConnectorContext, kleNumber: string): Promise<BackboneKlasse>;
  klasseByBrugervendtnoegle(
    context: ConnectorContext,
    brugervendtnoegle: string,
    facet?: string,
  ): Promise<BackboneKlasse>;
}

/** Sags- og Dokumentindeks (SF1470): the case index SAPA reads. */
export interface KombitSdiService {
  createOrUpdateSagIndex(context: ConnectorContext, input: SagIndexInput): Promise<SagIndexResult>;
  journaliseDocumentReference(
    context: ConnectorContext,
    sagUuid: string,
    document: DocumentReferenceInput,
  ): Promise<DocumentReferenceResult>;
}

import type {
  Backbone,
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
import type {
  KombitKlassifikationService,
  KombitOrganisationService,
  KombitSdiService,
} from './kombit-services.js';

/** The støttesystemer the KOMBIT backbone is composed of. */
export interface KombitBackboneServices {
  /** Fælleskommunalt Organisationssystem (SF1500). */
  readonly organisation: KombitOrganisationService;
  /** Klassifikationssystemet (SF1510). */
  readonly klassifikation: KombitKlassifikationService;
  /** Sags- og Dokumentindeks (SF1470). */
  readonly sdi: KombitSdiService;
  /** Closes pooled connections; the backbone connectors call it when their registry closes (it may come twice). */
  close?(): void;
}

/**
 * The {@link Backbone} on KOMBIT's støttesystemer, for one connector call: organisation lookups from
 * Organisation, klasser from Klassifikation, the case index in SDI (where SAPA reads it). Each call is made for
 * the calling tenant (`context`: its `backbone` settings, certificate and STS tokens); the services answer in the
 * backbone's shapes and classify their own failures, so this class only composes them.
 *
 * @example
 * const backbone: Backbone = new KombitBackbone(context, { organisation, klassifikation, sdi });
 * const { unit, manager } = await backbone.unitResponsibleForKle('27.24.00', 'ansvarlig');
 */
export class KombitBackbone implements Backbone {
  constructor(
    private readonly context: ConnectorContext,
    private readonly services: KombitBackboneServices,
  ) {}

  orgUnitWithManager(unitUuid: string): Promise<BackboneOrgUnitWithManager> {
    return this.services.organisation.orgUnitWithManager(this.context, unitUuid);
  }

  unitResponsibleForKle(kleNumber: string, role: KleRole): Promise<BackboneKleResponsibility> {
    return this.services.organisation.unitResponsibleForKle(this.context, kleNumber, role);
  }

  klasseByKleNumber(kleNumber: string): Promise<BackboneKlasse> {
    return this.services.klassifikation.klasseByKleNumber(this.context, kleNumber);
  }

  klasseByBrugervendtnoegle(brugervendtnoegle: string, facet?: string): Promise<BackboneKlasse> {
    return this.services.klassifikation.klasseByBrugervendtnoegle(this.context, brugervendtnoegle, facet);
  }

  personEngagements(personUuid: string): Promise<BackboneEngagement[]> {
    return this.services.organisation.personEngagements(this.context, personUuid);
  }

  createOrUpdateSagIndex(input: SagIndexInput): Promise<SagIndexResult> {
    return this.services.sdi.createOrUpdateSagIndex(this.context, input);
  }

  journaliseDocumentReference(
    sagUuid: string,
    document: DocumentReferenceInput,
  ): Promise<DocumentReferenceResult> {
    return this.services.sdi.journaliseDocumentReference(this.context, sagUuid, document);
  }
}

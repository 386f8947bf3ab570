import type { LoraClient } from '../client/lora-client.js';
import type { KleRole } from '../client/lora-organisation-queries.js';
import { target, virkningFrom } from '../client/lora-case-operations.js';
import type { LoraRelation } from '../client/lora-client-types.js';
import type {
  Backbone,
  BackboneEngagement,
  BackboneKlasse,
  BackboneKleResponsibility,
  BackboneOrgUnitWithManager,
  DocumentReferenceInput,
  DocumentReferenceResult,
  SagIndexInput,
  SagIndexResult,
} from './backbone.js';
import { loraPersonEngagements } from './lora-person-engagements.js';

export interface LoraBackboneOptions {
  /** The brugervendtnoegle of the KLE klassifikation (default `KLE`). */
  kleKlassifikation?: string;
  /** The brugervendtnoegle of the facet holding the KLE numbers (default `kle_number`, as OS2mo names it). */
  kleNumberFacet?: string;
}

/**
 * The {@link Backbone} on a municipality's own LoRA: each operation is the {@link LoraClient}'s, read at `'now'`, in
 * OS2mo's modelling of organisation and KLE. The case index is the LoRA Sag itself (the handlingsfacet is its
 * `handlingsklasse` relation); a journalised document is a LoRA Dokument with a journalpost on the Sag.
 *
 * @example
 * const backbone: Backbone = new LoraBackbone(new LoraClient({ baseUrl, transport }));
 * const { unit, manager } = await backbone.unitResponsibleForKle('27.24.00', 'ansvarlig');
 */
export class LoraBackbone implements Backbone {
  constructor(
    private readonly lora: LoraClient,
    private readonly options: LoraBackboneOptions = {},
  ) {}

  orgUnitWithManager(unitUuid: string): Promise<BackboneOrgUnitWithManager> {
    return this.lora.orgUnitWithManager(unitUuid, 'now');
  }

  unitResponsibleForKle(kleNumber: string, role: KleRole): Promise<BackboneKleResponsibility> {
    return this.lora.unitResponsibleForKle(kleNumber, role, 'now', {
      ...(this.options.kleKlassifikation === undefined
        ? {}
        : { klassifikation: this.options.kleKlassifikation }),
    });
  }

  klasseByKleNumber(kleNumber: string): Promise<BackboneKlasse> {
    return this.lora.klasseByBrugervendtnoegle(kleNumber, 'now', this.options.kleNumberFacet ?? 'kle_number');
  }

  klasseByBrugervendtnoegle(brugervendtnoegle: string, facet?: string): Promise<BackboneKlasse> {
    return this.lora.klasseByBrugervendtnoegle(brugervendtnoegle, 'now', facet);
  }

  personEngagements(personUuid: string): Promise<BackboneEngagement[]> {
    return loraPersonEngagements(this.lora.organisationfunktion, personUuid);
  }

  async createOrUpdateSagIndex(input: SagIndexInput): Promise<SagIndexResult> {
    const created = await this.lora.createSag({
      uuid: input.uuid,
      titel: input.titel,
      primaerklasse: input.primaerklasse,
      ansvarlig: input.ansvarlig,
      primaerpart: input.primaerpart,
      virkningFra: input.virkningFra,
      ...(input.sagsnummer === undefined ? {} : { sagsnummer: input.sagsnummer }),
      ...(input.primaerbehandler === undefined ? {} : { primaerbehandler: input.primaerbehandler }),
      ...(input.beskrivelse === undefined ? {} : { beskrivelse: input.beskrivelse }),
    });
    if (created.created && input.handlingsfacet === undefined) return created;
    // LoRA's createSag knows no handlingsklasse, and leaves an existing sag as it was: both are an update.
    const virkning = virkningFrom(input.virkningFra);
    const relation = (value: string, what: string, objekttype?: string): LoraRelation[] => [
      { ...target(value, what), ...(objekttype === undefined ? {} : { objekttype }), virkning },
    ];
    await this.lora.sag.update(created.uuid, {
      ...(created.created
        ? {}
        : {
            attributter: {
              sagegenskaber: [
                {
                  titel: input.titel,
                  ...(input.beskrivelse === undefined ? {} : { beskrivelse: input.beskrivelse }),
                  virkning,
                },
              ],
            },
          }),
      relationer: {
        ...(created.created
          ? {}
          : {
              primaerklasse: relation(input.primaerklasse, 'primaerklasse', 'Klasse'),
              ansvarlig: relation(input.ansvarlig, 'ansvarlig', 'OrganisationEnhed'),
              primaerpart: relation(input.primaerpart, 'primaerpart'),
              ...(input.primaerbehandler === undefined
                ? {}
                : { primaerbehandler: relation(input.primaerbehandler, 'primaerbehandler', 'Bruger') }),
            }),
        ...(input.handlingsfacet === undefined
          ? {}
          : { handlingsklasse: relation(input.handlingsfacet, 'handlingsfacet', 'Klasse') }),
      },
    });
    return created;
  }

  journaliseDocumentReference(
    sagUuid: string,
    document: DocumentReferenceInput,
  ): Promise<DocumentReferenceResult> {
    return this.lora.journaliseDokument(sagUuid, document);
  }
}

/**
 * The SF1470 (Sags- og Dokumentindeks, v6) request payloads this client sends, written canonically (they travel in
 * a signed Body). The structure follows SDI's OIO/sagdok v6 schemas — `ImporterSagDokumentIndeksInput` with a
 * `SagIndeks` or `DokumentIndeks`, `OpdaterSagDokumentIndeksInput`, `FremsoegSagDokumentIndeksInput` — reduced to
 * the fields a process's case needs; the exact namespaces are this client's assumption and live only here.
 */
import type { DocumentReferenceInput, SagIndexInput } from '#lora';
import { xmlElement, type CanonicalElement } from '../../xml/canonical-xml.js';

export const SDI_NAMESPACE = 'http://stoettesystemerne.dk/service/sagdokumentindeks/6/';
export const SAG_NAMESPACE = 'urn:oio:sts:sagdok:sag:6';
export const DOKUMENT_NAMESPACE = 'urn:oio:sts:sagdok:dokument:6';
export const OIO_NAMESPACE = 'urn:oio:sagdok:3.0.0';
export const REQUEST_HEADER_NAMESPACE = 'http://kombit.dk/xml/schemas/RequestHeader/1/';

export type SdiOperation = 'importer' | 'opdater' | 'fremsoeg';

/** The SOAP action of an operation. */
export const sdiActionOf = (operation: SdiOperation): string => `${SDI_NAMESPACE}${operation}`;

/** The relation roles, by what they mean to the case. */
export interface SdiRoles {
  readonly primaerklasse: string;
  readonly handlingsklasse: string;
  readonly ansvarlig: string;
  readonly primaerbehandler: string;
  readonly primaerpart: string;
  readonly sag: string;
}

export const DEFAULT_SDI_ROLES: SdiRoles = {
  primaerklasse: 'urn:oio:sagdok:rolle:primaerklasse',
  handlingsklasse: 'urn:oio:sagdok:rolle:handlingsklasse',
  ansvarlig: 'urn:oio:sagdok:rolle:ansvarlig',
  primaerbehandler: 'urn:oio:sagdok:rolle:primaerbehandler',
  primaerpart: 'urn:oio:sagdok:rolle:primaerpart',
  sag: 'urn:oio:sagdok:rolle:sag',
};

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const oio = (name: string, children: (CanonicalElement | string | undefined)[]) =>
  xmlElement(OIO_NAMESPACE, name, children);

/** A `UnikIdType`: a uuid as UUIDIdentifikator, anything else (a urn) as URNIdentifikator. */
function unikId(name: string, id: string): CanonicalElement {
  return UUID.test(id)
    ? oio(name, [oio('UUIDIdentifikator', [id.toLowerCase()])])
    : oio(name, [oio('URNIdentifikator', [id])]);
}

function virkningFra(from: Date | string): CanonicalElement {
  const instant = from instanceof Date ? from.toISOString() : from;
  return oio('Virkning', [oio('FraTidspunkt', [oio('TidsstempelDatoTid', [instant])])]);
}

function relation(namespace: string, name: string, role: string, reference: string): CanonicalElement {
  return xmlElement(namespace, name, [unikId('Rolle', role), unikId('ReferenceID', reference)]);
}

/** The SagIndeks (or OpdaterSagIndeks) element for the case. */
function sagIndeks(
  element: 'SagIndeks' | 'OpdaterSagIndeks',
  input: SagIndexInput,
  roles: SdiRoles,
): CanonicalElement {
  const sag = (name: string, children: (CanonicalElement | string | undefined)[]) =>
    xmlElement(SAG_NAMESPACE, name, children);
  const sagsnummer = input.sagsnummer ?? input.uuid;
  return sag(element, [
    oio('UUIDIdentifikator', [input.uuid.toLowerCase()]),
    sag('Registrering', [
      sag('AttributListe', [
        sag('Egenskaber', [
          oio('BrugervendtNoegle', [sagsnummer]),
          sag('Sagsnummer', [sagsnummer]),
          sag('Titel', [input.titel]),
          input.beskrivelse === undefined ? undefined : sag('Beskrivelse', [input.beskrivelse]),
          virkningFra(input.virkningFra),
        ]),
      ]),
      sag('RelationListe', [
        relation(SAG_NAMESPACE, 'Sagsklasse', roles.primaerklasse, input.primaerklasse),
        input.handlingsfacet === undefined
          ? undefined
          : relation(SAG_NAMESPACE, 'Sagsklasse', roles.handlingsklasse, input.handlingsfacet),
        relation(SAG_NAMESPACE, 'Sagsaktoer', roles.ansvarlig, input.ansvarlig),
        input.primaerbehandler === undefined
          ? undefined
          : relation(SAG_NAMESPACE, 'Sagsaktoer', roles.primaerbehandler, input.primaerbehandler),
        relation(SAG_NAMESPACE, 'Sagspart', roles.primaerpart, input.primaerpart),
      ]),
    ]),
  ]);
}

/** Importer of a new case index entry. */
export function importerSagPayload(input: SagIndexInput, roles: SdiRoles): CanonicalElement {
  return xmlElement(SDI_NAMESPACE, 'ImporterSagDokumentIndeksInput', [sagIndeks('SagIndeks', input, roles)]);
}

/** Opdater of an existing case index entry (the whole registration: SDI keeps no partial updates). */
export function opdaterSagPayload(input: SagIndexInput, roles: SdiRoles): CanonicalElement {
  return xmlElement(SDI_NAMESPACE, 'OpdaterSagDokumentIndeksInput', [
    sagIndeks('OpdaterSagIndeks', input, roles),
  ]);
}

/** Fremsoeg of one case or one document by its uuid. */
export function fremsoegPayload(kind: 'SagUuid' | 'DokumentUuid', uuid: string): CanonicalElement {
  return xmlElement(SDI_NAMESPACE, 'FremsoegSagDokumentIndeksInput', [
    xmlElement(SDI_NAMESPACE, kind, [uuid.toLowerCase()]),
  ]);
}

/** Importer of a document index entry journalised on the case (its `Sag` relation). */
export function importerDokumentPayload(
  dokumentUuid: string,
  sagUuid: string,
  document: DocumentReferenceInput,
  roles: SdiRoles,
): CanonicalElement {
  const dok = (name: string, children: (CanonicalElement | string | undefined)[]) =>
    xmlElement(DOKUMENT_NAMESPACE, name, children);
  const optional = (name: string, value: string | undefined) =>
    value === undefined ? undefined : dok(name, [value]);
  return xmlElement(SDI_NAMESPACE, 'ImporterSagDokumentIndeksInput', [
    dok('DokumentIndeks', [
      oio('UUIDIdentifikator', [dokumentUuid]),
      dok('Registrering', [
        dok('AttributListe', [
          dok('Egenskaber', [
            oio('BrugervendtNoegle', [document.brugervendtnoegle ?? document.titel]),
            dok('Titel', [document.titel]),
            optional('Beskrivelse', document.beskrivelse),
            optional('Dokumenttype', document.dokumenttype),
            optional('BrevDato', document.brevdato),
            virkningFra(document.virkningFra),
          ]),
        ]),
        dok('RelationListe', [relation(DOKUMENT_NAMESPACE, 'Sag', roles.sag, sagUuid)]),
      ]),
    ]),
  ]);
}

/** KOMBIT's RequestHeader, naming the call for SDI's logs (not signed). */
export function requestHeaderXml(transactionUuid: string): string {
  return `<RequestHeader xmlns="${REQUEST_HEADER_NAMESPACE}"><TransactionUUID>${transactionUuid}</TransactionUUID></RequestHeader>`;
}

import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { maskSensitiveText } from '../../contract/sensitive-text.js';
import { isSenderFault, type SoapFault } from '../../soap/soap-envelope.js';
import { childElement, childElements, childText, type XmlNode } from '../../xml/safe-xml.js';

export const SDI_SERVICE = 'Sags- og Dokumentindeks (SF1470)';

/** SDI's names for the fields this client sends, and the input field each comes from. */
const INPUT_FIELD_OF: Readonly<Record<string, string>> = {
  titel: 'titel',
  sagsnummer: 'sagsnummer',
  beskrivelse: 'beskrivelse',
  primaerklasse: 'primaerklasse',
  handlingsklasse: 'handlingsfacet',
  ansvarlig: 'ansvarlig',
  primaerbehandler: 'primaerbehandler',
  primaerpart: 'primaerpart',
  virkning: 'virkningFra',
  dokumenttype: 'dokumenttype',
  brevdato: 'brevdato',
  brugervendtnoegle: 'brugervendtnoegle',
};

/** The input field SDI's message is about, when it names one of the fields this client sends. */
export function inputFieldNamedIn(text: string): string | undefined {
  const words = text.toLowerCase().match(/[a-zæøå]+/g) ?? [];
  const named = words.find((word) => Object.hasOwn(INPUT_FIELD_OF, word));
  return named === undefined ? undefined : INPUT_FIELD_OF[named];
}

/** A refusal of the input: permanent, naming the input field SDI complained about; CPR numbers masked. */
function refusal(what: string, text: string, statusKode?: string): PermanentConnectorError {
  const field = inputFieldNamedIn(text);
  const reason = maskSensitiveText(text);
  return new PermanentConnectorError(
    `${SDI_SERVICE} refused ${what}${field === undefined ? '' : ` — input field '${field}'`}: ${reason}`,
    {
      details: {
        ...(field === undefined ? {} : { field }),
        ...(statusKode === undefined ? {} : { statusKode }),
      },
    },
  );
}

/** A SOAP fault that is not about the token: a sender fault refuses the input, anything else may pass. */
export function sdiFaultError(fault: SoapFault, what: string): Error {
  const text = childText(childElement(fault.detail, 'StandardRetur'), 'FejlbeskedTekst') || fault.reason;
  if (isSenderFault(fault)) return refusal(what, text);
  return new RetryableConnectorError(
    `${SDI_SERVICE} failed on ${what} (${fault.code}): ${maskSensitiveText(text)}`,
  );
}

/**
 * Checks an answer's `StandardRetur`: 20 is done, 44 is "not found" (answered as `false`); 40 refuses the input
 * (permanent, naming the field), 49 the caller (permanent: the service agreement); anything else may pass.
 */
export function checkStandardRetur(payload: XmlNode, what: string): boolean {
  const retur = childElement(payload, 'StandardRetur');
  const statusKode = childText(retur, 'StatusKode');
  const text = childText(retur, 'FejlbeskedTekst') ?? '';
  if (statusKode === '20') return true;
  if (statusKode === '44') return false;
  if (statusKode === '40') throw refusal(what, text, statusKode);
  if (statusKode === '49') {
    throw new PermanentConnectorError(
      `${SDI_SERVICE} refused the caller on ${what} (StatusKode 49): check the service agreement for the municipality's CVR`,
      { details: { statusKode } },
    );
  }
  throw new RetryableConnectorError(
    `${SDI_SERVICE} answered StatusKode ${statusKode ?? '(none)'} on ${what}: ${maskSensitiveText(text)}`,
  );
}

/** The case's entry in a Fremsoeg answer: its sagsnummer, or undefined when SDI has none with the uuid. */
export function sagFoundIn(payload: XmlNode): { sagsnummer: string } | undefined {
  const found = childElement(payload, 'SagFiltreretOejebliksbillede');
  if (!found || childText(payload, 'Antal') === '0') return undefined;
  const egenskaber = childElement(
    childElement(childElement(found, 'Registrering'), 'AttributListe'),
    'Egenskaber',
  );
  return { sagsnummer: childText(egenskaber, 'Sagsnummer') ?? '' };
}

/** The cases a document in a Fremsoeg answer is journalised on, or undefined when SDI has no such document. */
export function dokumentSagerIn(payload: XmlNode): string[] | undefined {
  const found = childElement(payload, 'DokumentFiltreretOejebliksbillede');
  if (!found || childText(payload, 'Antal') === '0') return undefined;
  const relations = childElement(childElement(found, 'Registrering'), 'RelationListe');
  return childElements(relations, 'Sag')
    .map((sag) => childText(childElement(sag, 'ReferenceID'), 'UUIDIdentifikator')?.toLowerCase())
    .filter((uuid): uuid is string => uuid !== undefined);
}

/**
 * The Beskedfordeler's envelope, `Haendelsesbesked` (KOMBIT, namespace `urn:oio:besked:kuvert:1.0`): read safely
 * (DOCTYPE and entities refused) into the facts a process is started or correlated by, and written for publishing.
 * Elements are read by local name, and the few places where the envelope's versions name a field differently
 * (`Beskedtype`/`BeskedtypeId`, `ObjektType`/`ObjektTypeKode`, `Handling`/`ObjektHandling`, an identifier as text
 * or wrapped in `UUIDIdentifikator`/`URNIdentifikator`) are all accepted. `Beskeddata` is not read: it may carry
 * personal data, which a process fetches from the system of record instead.
 */
import {
  childElement,
  escapeXml,
  parseXmlSafely,
  UnreadableXmlError,
  type XmlNode,
  type XmlValue,
} from '../../xml/safe-xml.js';

export const HAENDELSESBESKED_NAMESPACE = 'urn:oio:besked:kuvert:1.0';

/** What a Haendelsesbesked says, as the engine uses it. Identifiers only: no `Beskeddata`. */
export interface Haendelsesbesked {
  /** The idempotency key: the same message delivered twice has the same BeskedId. */
  readonly beskedId: string;
  readonly beskedVersion?: string;
  /** The Beskedtype's UUID (lower case). */
  readonly beskedtype: string;
  readonly transaktionsId?: string;
  readonly transaktionsTid?: string;
  readonly objekt: {
    readonly objektId?: string;
    readonly objektType?: string;
    /** `urn:oio:cvr-nr:…` of the authority responsible for the object. */
    readonly ansvarligMyndighed?: string;
    /** The KLE emne of `OpgaveEmne` (`urn:oio:kle:27.24.00` → `27.24.00`). */
    readonly opgaveEmne?: string;
    readonly handling?: string;
  };
}

/** An envelope that cannot be used: not XML, DOCTYPE/entities, or a required field missing. Never quotes content. */
export class UnusableHaendelsesbeskedError extends Error {
  override readonly name = 'UnusableHaendelsesbeskedError';
}

const IDENTIFIER = /^[\x21-\x7e]{1,200}$/;
const KLE = /(\d{2}(?:\.\d{2}){0,2})$/;

/**
 * Reads a Haendelsesbesked. Throws {@link UnusableHaendelsesbeskedError} naming what is wrong (the element, never
 * its value) when it is not well-formed, has a DOCTYPE or entity declaration, is another document, or lacks
 * `BeskedId` or `Beskedtype`.
 *
 * @example
 * parseHaendelsesbesked(body.toString('utf8')).beskedId; // '5b0e4a52-…'
 */
export function parseHaendelsesbesked(xml: string): Haendelsesbesked {
  let document: XmlNode;
  try {
    document = parseXmlSafely(xml, 'The Haendelsesbesked');
  } catch (error) {
    if (error instanceof UnreadableXmlError) throw new UnusableHaendelsesbeskedError(error.message);
    throw error;
  }
  const root = childElement(document, 'Haendelsesbesked');
  if (!root) {
    throw new UnusableHaendelsesbeskedError(
      `The message is not a Haendelsesbesked: its root element is '${Object.keys(document).find((key) => !key.startsWith('?')) ?? '(none)'}'`,
    );
  }
  const kuvert = childElement(root, 'Beskedkuvert');
  const filtrering = childElement(kuvert, 'Filtreringsdata');
  const leverance = childElement(kuvert, 'Leveranceinformation');
  const registrering =
    childElement(filtrering, 'ObjektRegistrering') ?? childElement(filtrering, 'Objektregistrering');
  const objekt = childElement(registrering, 'Objekt') ?? registrering;

  const beskedId = identifierOf(root, 'BeskedId');
  if (beskedId === undefined) throw missing('BeskedId');
  const beskedtype = identifierOf(filtrering, 'Beskedtype') ?? identifierOf(filtrering, 'BeskedtypeId');
  if (beskedtype === undefined) throw missing('Beskedkuvert/Filtreringsdata/Beskedtype');
  const opgaveEmne = identifierOf(objekt, 'OpgaveEmne') ?? identifierOf(registrering, 'OpgaveEmne');
  const beskedVersion = identifierOf(root, 'BeskedVersion') ?? textOf(root['@BeskedVersion']);
  return {
    beskedId,
    beskedtype: beskedtype.toLowerCase(),
    ...optional('beskedVersion', beskedVersion),
    ...optional('transaktionsId', identifierOf(leverance, 'TransaktionsId')),
    ...optional(
      'transaktionsTid',
      identifierOf(leverance, 'TransaktionsTid') ?? identifierOf(leverance, 'TransaktionsTidspunkt'),
    ),
    objekt: {
      ...optional('objektId', identifierOf(objekt, 'ObjektId')),
      ...optional('objektType', identifierOf(objekt, 'ObjektType') ?? identifierOf(objekt, 'ObjektTypeKode')),
      ...optional('ansvarligMyndighed', identifierOf(objekt, 'ObjektAnsvarligMyndighed')),
      ...optional('opgaveEmne', opgaveEmne === undefined ? undefined : KLE.exec(opgaveEmne)?.[1]),
      ...optional('handling', identifierOf(objekt, 'Handling') ?? identifierOf(objekt, 'ObjektHandling')),
    },
  };
}

/** What a published Haendelsesbesked carries. */
export interface HaendelsesbeskedFields {
  readonly beskedId: string;
  readonly beskedtype: string;
  readonly transaktionsId: string;
  readonly transaktionsTid: Date;
  readonly objektId: string;
  readonly objektType?: string;
  readonly ansvarligMyndighed?: string;
  /** A KLE emne (`27.24.00`), written as `urn:oio:kle:27.24.00`. */
  readonly opgaveEmne?: string;
  readonly handling?: string;
  /** Written escaped as the text of `Beskeddata`. */
  readonly beskeddata?: string;
}

/** Writes a Haendelsesbesked (version 1.0) that {@link parseHaendelsesbesked} reads back to the same fields. */
export function haendelsesbeskedXml(fields: HaendelsesbeskedFields): string {
  const element = (name: string, value: string | undefined): string =>
    value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<Haendelsesbesked xmlns="${HAENDELSESBESKED_NAMESPACE}" BeskedVersion="1.0">` +
    `<BeskedId><UUIDIdentifikator>${escapeXml(fields.beskedId)}</UUIDIdentifikator></BeskedId>` +
    `<BeskedVersion>1.0</BeskedVersion>` +
    `<Beskedkuvert><Filtreringsdata>` +
    `<Beskedtype><UUIDIdentifikator>${escapeXml(fields.beskedtype)}</UUIDIdentifikator></Beskedtype>` +
    `<ObjektRegistrering>` +
    element('ObjektId', fields.objektId) +
    element('ObjektType', fields.objektType) +
    element('ObjektAnsvarligMyndighed', fields.ansvarligMyndighed) +
    element('OpgaveEmne', fields.opgaveEmne === undefined ? undefined : `urn:oio:kle:${fields.opgaveEmne}`) +
    element('Handling', fields.handling) +
    `</ObjektRegistrering></Filtreringsdata>` +
    `<Leveranceinformation>` +
    element('TransaktionsId', fields.transaktionsId) +
    element('TransaktionsTid', fields.transaktionsTid.toISOString()) +
    `</Leveranceinformation></Beskedkuvert>` +
    element('Beskeddata', fields.beskeddata) +
    `</Haendelsesbesked>`
  );
}

function missing(path: string): UnusableHaendelsesbeskedError {
  return new UnusableHaendelsesbeskedError(`The Haendelsesbesked has no ${path}`);
}

/** An identifier: the element's text, or that of its `UUIDIdentifikator`/`URNIdentifikator`/`Identifikator` child. */
function identifierOf(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  const first = Array.isArray(value) ? (value as readonly XmlValue[])[0] : value;
  const element =
    typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as XmlNode) : undefined;
  const text =
    textOf(first) ??
    textOf(element?.['UUIDIdentifikator']) ??
    textOf(element?.['URNIdentifikator']) ??
    textOf(element?.['Identifikator']);
  if (text === undefined) return undefined;
  if (!IDENTIFIER.test(text)) {
    throw new UnusableHaendelsesbeskedError(`The Haendelsesbesked's ${name} is not an identifier`);
  }
  return text;
}

function textOf(value: XmlValue | undefined): string | undefined {
  const first = Array.isArray(value) ? (value as readonly XmlValue[])[0] : value;
  if (typeof first === 'string') return first === '' ? undefined : first;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const text = (first as XmlNode)['#text'];
    return typeof text === 'string' && text !== '' ? text : undefined;
  }
  return undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

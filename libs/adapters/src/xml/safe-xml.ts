/**
 * XML in and out of connectors that speak XML (SOAP services, Serviceplatformen's REST services, Beskedfordeler
 * envelopes): a parser that refuses DOCTYPE and ENTITY declarations — so no external entity can be fetched and no
 * entity expansion can blow up (XXE) — and escaping for the XML a connector builds.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** XML that cannot be read: malformed, or with a DOCTYPE/ENTITY declaration. Its message never quotes the XML. */
export class UnreadableXmlError extends Error {
  override readonly name = 'UnreadableXmlError';
}

/** An element as the parser gives it: text is `#text`, attributes are `@name`, repeated children are arrays. */
export type XmlNode = { readonly [name: string]: XmlValue };
export type XmlValue = string | XmlNode | readonly XmlValue[];

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes the five predefined entities and character references; any other `&name;` is left as it is. */
function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, reference: string) => {
    if (reference.startsWith('#x')) return String.fromCodePoint(Number.parseInt(reference.slice(2), 16));
    if (reference.startsWith('#')) return String.fromCodePoint(Number.parseInt(reference.slice(1), 10));
    return PREDEFINED_ENTITIES[reference] ?? whole;
  });
}

const parser = new XMLParser({
  // Elements are read by local name: Serviceplatformen's prefixes differ from one answer to the next.
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Values stay text: a CPR number or a postal code must keep its leading zero.
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded by decodeXmlText (predefined ones only); declared entities are refused before parsing.
  processEntities: false,
  htmlEntities: false,
  tagValueProcessor: (_name, value) => decodeXmlText(value),
  attributeValueProcessor: (_name, value) => decodeXmlText(value),
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parses `xml` into plain objects keyed by local element names. Throws {@link UnreadableXmlError} for a DOCTYPE or
 * ENTITY declaration (refused, never expanded) or malformed XML; `what` names the document in the message.
 *
 * @example
 * parseXmlSafely('<s:Envelope xmlns:s="…"><s:Body><r>1</r></s:Body></s:Envelope>', 'the answer');
 * // { Envelope: { Body: { r: '1' } } }
 */
export function parseXmlSafely(xml: string, what: string): XmlNode {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new UnreadableXmlError(`${what} has a DOCTYPE or ENTITY declaration, which is refused`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new UnreadableXmlError(
      `${what} is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.code})`,
    );
  }
  const parsed = parser.parse(xml) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Object.keys(parsed).length === 0) {
    throw new UnreadableXmlError(`${what} has no root element`);
  }
  return parsed as XmlNode;
}

/** Escapes text for an XML element's content or an attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The child element `name` of `node` (the first, when it repeats), if it is an element. */
export function childElement(node: XmlValue | undefined, name: string): XmlNode | undefined {
  const child = firstOf(asNode(node)?.[name]);
  return typeof child === 'object' && child !== null && !Array.isArray(child)
    ? (child as XmlNode)
    : undefined;
}

/** Every child element `name` of `node`, in document order. */
export function childElements(node: XmlValue | undefined, name: string): XmlNode[] {
  const child = asNode(node)?.[name];
  const all = Array.isArray(child) ? child : child === undefined ? [] : [child];
  return all.filter(
    (item): item is XmlNode => typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}

/** The text of the child element `name` of `node` (an empty element gives ''), or undefined when it is absent. */
export function childText(node: XmlValue | undefined, name: string): string | undefined {
  const child = firstOf(asNode(node)?.[name]);
  if (typeof child === 'string') return child;
  if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
    const text = (child as XmlNode)['#text'];
    return typeof text === 'string' ? text : '';
  }
  return undefined;
}

function asNode(value: XmlValue | undefined): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as XmlNode)
    : undefined;
}

function firstOf(value: XmlValue | undefined): XmlValue | undefined {
  return Array.isArray(value) ? (value as readonly XmlValue[])[0] : value;
}

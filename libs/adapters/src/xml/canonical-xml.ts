/**
 * XML written directly in its Exclusive XML Canonicalization form (exc-c14n, no inclusive prefixes), so what is
 * sent is byte for byte what a WS-Security signature digests — no canonicalisation library needed. Elements use a
 * default namespace (declared where it changes), attributes may carry a prefixed namespace (`wsu:Id`); declarations
 * come first in prefix order, then attributes by namespace and local name; empty elements get an end tag; text and
 * attribute values are escaped as exc-c14n does.
 */

/** A namespace-qualified attribute: `wsu:Id` is `{ prefix: 'wsu', namespace: WSU, name: 'Id' }`. */
export interface CanonicalAttribute {
  readonly name: string;
  readonly value: string;
  readonly prefix?: string;
  readonly namespace?: string;
}

/** An element in namespace `namespace` with its attributes and its children (elements or text). */
export interface CanonicalElement {
  readonly namespace: string;
  readonly name: string;
  readonly attributes?: readonly CanonicalAttribute[];
  readonly children?: readonly (CanonicalElement | string)[];
}

/** Shorthand for an element; children that are `undefined` are left out (optional fields). */
export function xmlElement(
  namespace: string,
  name: string,
  children: readonly (CanonicalElement | string | undefined)[] = [],
  attributes: readonly CanonicalAttribute[] = [],
): CanonicalElement {
  return {
    namespace,
    name,
    attributes,
    children: children.filter((child): child is CanonicalElement | string => child !== undefined),
  };
}

/** Escapes element text as exc-c14n writes it. */
export function canonicalText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** Escapes an attribute value as exc-c14n writes it. */
export function canonicalAttributeValue(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/**
 * The element's canonical form, standing alone (as the apex of a signed subtree). Embedded in a larger document it
 * stays canonical, because it declares every namespace it uses itself.
 */
export function canonicalXml(element: CanonicalElement): string {
  return write(element, { defaultNamespace: '', prefixes: new Map() });
}

interface Rendered {
  readonly defaultNamespace: string;
  readonly prefixes: ReadonlyMap<string, string>;
}

function write(element: CanonicalElement, rendered: Rendered): string {
  const declarations: string[] = [];
  if (element.namespace !== rendered.defaultNamespace) {
    declarations.push(` xmlns="${canonicalAttributeValue(element.namespace)}"`);
  }
  const prefixes = new Map(rendered.prefixes);
  const attributes = [...(element.attributes ?? [])].sort(
    (a, b) => byCodePoint(a.namespace ?? '', b.namespace ?? '') || byCodePoint(a.name, b.name),
  );
  const prefixed = attributes
    .filter((attribute) => attribute.prefix !== undefined && attribute.namespace !== undefined)
    .map((attribute) => [attribute.prefix as string, attribute.namespace as string] as const)
    .sort(([a], [b]) => byCodePoint(a, b));
  for (const [prefix, namespace] of prefixed) {
    if (prefixes.get(prefix) === namespace) continue;
    prefixes.set(prefix, namespace);
    declarations.push(` xmlns:${prefix}="${canonicalAttributeValue(namespace)}"`);
  }
  const written = attributes.map(
    (attribute) =>
      ` ${attribute.prefix ? `${attribute.prefix}:` : ''}${attribute.name}="${canonicalAttributeValue(attribute.value)}"`,
  );
  const inner: Rendered = { defaultNamespace: element.namespace, prefixes };
  const content = (element.children ?? [])
    .map((child) => (typeof child === 'string' ? canonicalText(child) : write(child, inner)))
    .join('');
  return `<${element.name}${[...new Set(declarations)].join('')}${written.join('')}>${content}</${element.name}>`;
}

/** c14n orders by code point, not by locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

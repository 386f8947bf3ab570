import { positionOf, type Finding } from '#bpmn';

/** The kinds of resource a deployment takes: BPMN and DMN models, and Camunda Forms stored beside them. */
export type ResourceKind = 'bpmn' | 'dmn' | 'form';

/** A resource as it arrives: its name (the file part's filename) and its bytes. */
export interface ResourceFile {
  name: string;
  content: Buffer;
}

/** A resource over the size limit: refused before anything reads it. */
export class ResourceTooLargeError extends Error {
  constructor(
    readonly resource: string,
    readonly maxBytes: number,
  ) {
    super(
      `Resource '${resource}' is larger than ${maxBytes} bytes, the most a resource may have (MAX_RESOURCE_BYTES); ` +
        'split the model or raise the limit',
    );
  }
}

/** What screening found: the resource's kind and text, or the error findings that refuse it unread. */
export type ScreenedResource =
  | { ok: true; kind: ResourceKind; text: string }
  | { ok: false; kind: ResourceKind | undefined; findings: Finding[] };

export const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
/** DMN 1.1 to 1.5 all live under this prefix; the core reads 1.1–1.3. */
const DMN_NAMESPACE_PREFIX = /^https?:\/\/www\.omg\.org\/spec\/DMN\//;

/** The kind a resource's name claims, from its extension as Camunda names them. */
export function kindOfName(name: string): ResourceKind | undefined {
  if (/\.bpmn(20\.xml)?$/i.test(name)) return 'bpmn';
  if (/\.dmn(11\.xml)?$/i.test(name)) return 'dmn';
  if (/\.form$/i.test(name)) return 'form';
  return undefined;
}

/**
 * Looks at a resource before any parser does, and refuses it unread when it is too large ({@link
 * ResourceTooLargeError}), not UTF-8 text, declares a DOCTYPE or entities (XXE, "billion laughs": nothing is ever
 * expanded, because nothing parses it), or is not what its name says — a `.bpmn` whose root is not BPMN's
 * `<definitions>`, a `.dmn` whose root is not DMN's, a `.form` that is not a JSON object, or any other extension.
 */
export function screenResource(file: ResourceFile, maxBytes: number): ScreenedResource {
  if (file.content.length > maxBytes) throw new ResourceTooLargeError(file.name, maxBytes);
  const kind = kindOfName(file.name);
  const refuse = (rule: string, message: string, position?: { line: number; column: number }) => ({
    ok: false as const,
    kind,
    findings: [{ severity: 'error' as const, rule, message, ...(position ?? {}) }],
  });
  if (!kind) {
    return refuse(
      'unsupported-resource',
      `Expected a BPMN model (.bpmn), a DMN model (.dmn) or a Camunda Form (.form), but '${file.name}' is none of them; ` +
        'deploy models and forms only',
    );
  }
  if (file.content.includes(0) || !isUtf8(file.content)) {
    return refuse(
      'xml-encoding',
      `Expected '${file.name}' to be UTF-8 text, as Camunda Modeler saves it, but it is not; save it as UTF-8`,
    );
  }
  const text = file.content.toString('utf8').replace(/^\uFEFF/, '');
  if (kind === 'form') {
    return isJsonObject(text)
      ? { ok: true, kind, text }
      : refuse('not-a-model', `Expected '${file.name}' to be a Camunda Form (a JSON object), but it is not`);
  }
  const declaration = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.exec(text);
  if (declaration) {
    return refuse(
      'xml-doctype',
      `Expected XML without a document type, but '${file.name}' declares <!${declaration[1].toUpperCase()}: DOCTYPE ` +
        'and entity declarations are refused unread (they can read files or expand without end); remove them',
      positionOf(text, declaration.index),
    );
  }
  const root = rootElementOf(text);
  const expected =
    kind === 'bpmn'
      ? `BPMN's <definitions> (namespace ${BPMN_NAMESPACE})`
      : "DMN's <definitions> (namespace https://www.omg.org/spec/DMN/…)";
  const namespaceFits = (namespace: string | undefined) =>
    namespace !== undefined &&
    (kind === 'bpmn' ? namespace === BPMN_NAMESPACE : DMN_NAMESPACE_PREFIX.test(namespace));
  if (!root) {
    return refuse(
      'not-a-model',
      `Expected '${file.name}' to be XML with ${expected} as its root, but it is not XML`,
    );
  }
  if (root.localName !== 'definitions' || !namespaceFits(root.namespace)) {
    return refuse(
      'not-a-model',
      `Expected ${expected} as the root element of '${file.name}', but found <${root.qualifiedName}>` +
        (root.namespace ? ` in namespace ${root.namespace}` : ''),
    );
  }
  return { ok: true, kind, text };
}

/** The kind of a model sent without a name: by its root element (BPMN or DMN `<definitions>`). */
export function kindOfXml(text: string): 'bpmn' | 'dmn' | undefined {
  const root = rootElementOf(text.replace(/^\uFEFF/, ''));
  if (!root || root.localName !== 'definitions' || !root.namespace) return undefined;
  if (root.namespace === BPMN_NAMESPACE) return 'bpmn';
  return DMN_NAMESPACE_PREFIX.test(root.namespace) ? 'dmn' : undefined;
}

interface RootElement {
  qualifiedName: string;
  localName: string;
  namespace: string | undefined;
}

/** The first element after the prolog (declaration, comments, processing instructions), read without a parser. */
function rootElementOf(text: string): RootElement | undefined {
  const match =
    /^\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)((?:\s[^>]*)?)\/?>/.exec(
      text,
    );
  if (!match) return undefined;
  const [, prefix, localName, attributes] = match;
  const declaration = new RegExp(
    `\\sxmlns${prefix ? `:${prefix.replace(/\./g, '\\.')}` : ''}\\s*=\\s*(["'])(.*?)\\1`,
  ).exec(attributes ?? '');
  return {
    qualifiedName: prefix ? `${prefix}:${localName}` : localName,
    localName,
    namespace: declaration?.[2],
  };
}

function isUtf8(content: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

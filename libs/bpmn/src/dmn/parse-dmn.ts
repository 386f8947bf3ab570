import { DmnModdle, type DmnModdleElement } from 'dmn-moddle';
import { lineAndColumn, positionOf, xmlWarningFinding } from '../parse/xml-findings.js';
import type { Finding } from '../validate/finding.js';

export const DMN13_NAMESPACE = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
export const CAMUNDA_DMN_NAMESPACE = 'http://camunda.org/schema/1.0/dmn';

/**
 * Older DMN namespaces, read as DMN 1.3: what this engine evaluates (tables, literal expressions, requirements)
 * is written the same way in DMN 1.1 and 1.2, and Camunda 7 still deploys 1.1 files. Diagram namespaces follow.
 */
const OLDER_NAMESPACES: Array<[string, string]> = [
  ['http://www.omg.org/spec/DMN/20151101/dmn.xsd', DMN13_NAMESPACE],
  ['http://www.omg.org/spec/DMN/20180521/MODEL/', DMN13_NAMESPACE],
  ['http://www.omg.org/spec/DMN/20180521/DMNDI/', 'https://www.omg.org/spec/DMN/20191111/DMNDI/'],
];

export interface ParsedDmn {
  definitions: DmnModdleElement;
  /** The prefix the document gives Camunda's DMN extension namespace (`camunda:inputVariable` …), if any. */
  camundaPrefix?: string;
}

export type DmnParseOutcome =
  { ok: true; parsed: ParsedDmn; findings: Finding[] } | { ok: false; findings: Finding[] };

/** Parses DMN XML with dmn-moddle; warnings that drop content are errors, as for BPMN. */
export async function parseDmn(xml: string): Promise<DmnParseOutcome> {
  const doctype = xml.search(/<!DOCTYPE|<!ENTITY/i);
  if (doctype >= 0) {
    return failed({
      rule: 'xml-doctype',
      message: 'Expected DMN XML without DOCTYPE or ENTITY declarations, but found one; remove it.',
      ...positionOf(xml, doctype),
    });
  }
  let text = xml;
  for (const [older, current] of OLDER_NAMESPACES) text = text.split(older).join(current);
  let result;
  try {
    result = await new DmnModdle().fromXML(text, 'dmn:Definitions');
  } catch (error) {
    const { message, warnings } = error as Error & { warnings?: Array<{ message: string }> };
    // A wrong root element comes back as a bare "failed to parse"; the reason is in the first warning.
    const detail = /failed to parse document/.test(message) && warnings?.[0] ? warnings[0].message : message;
    return failed({
      rule: 'xml-parse',
      message:
        `Expected a well-formed DMN document (<definitions xmlns="${DMN13_NAMESPACE}">), but it does not parse: ` +
        detail.split('\n')[0],
      ...lineAndColumn(detail),
    });
  }
  const findings: Finding[] = result.warnings.map((warning) =>
    xmlWarningFinding(warning.message, warning.element?.id, 'DMN document'),
  );
  const definitions = result.rootElement;
  const camundaPrefix = Object.entries(definitions.$attrs ?? {}).find(
    ([name, value]) => name.startsWith('xmlns:') && value === CAMUNDA_DMN_NAMESPACE,
  )?.[0];
  return {
    ok: true,
    parsed: {
      definitions,
      ...(camundaPrefix ? { camundaPrefix: camundaPrefix.slice('xmlns:'.length) } : {}),
    },
    findings,
  };
}

function failed(finding: Omit<Finding, 'severity'>): DmnParseOutcome {
  return { ok: false, findings: [{ severity: 'error', ...finding }] };
}

import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { lineAndColumn, positionOf, xmlWarningFinding } from './xml-findings.js';
import type { Finding } from '../validate/finding.js';

export const CAMUNDA7_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';
export const CAMUNDA8_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';

/** The moddle tree of a BPMN document, with the flavour it was drawn for. */
export interface ParsedBpmn {
  definitions: ModdleElement & { rootElements: ModdleElement[] };
  dialect: 'camunda7' | 'camunda8' | 'bpmn';
}

export type ParseOutcome =
  { ok: true; parsed: ParsedBpmn; findings: Finding[] } | { ok: false; findings: Finding[] };

/**
 * Parses BPMN XML with the extension descriptor the document declares. camunda-bpmn-moddle and zeebe-bpmn-moddle
 * cannot be loaded into one moddle (both define `modelerTemplate`; every process would silently vanish), so the
 * namespaces decide which one is used. Warnings that drop an element are reported as errors.
 */
export async function parseBpmn(xml: string): Promise<ParseOutcome> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    return {
      ok: false,
      findings: [
        {
          severity: 'error',
          rule: 'xml-doctype',
          message: 'Expected BPMN XML without DOCTYPE or ENTITY declarations, but found one; remove it.',
          ...positionOf(xml, xml.search(/<!DOCTYPE|<!ENTITY/i)),
        },
      ],
    };
  }
  const usesCamunda7 = xml.includes(CAMUNDA7_NAMESPACE);
  const usesCamunda8 = xml.includes(CAMUNDA8_NAMESPACE);
  const findings: Finding[] = [];
  if (usesCamunda7 && usesCamunda8) {
    findings.push({
      severity: 'error',
      rule: 'mixed-dialects',
      message:
        'Expected a model for either Camunda 7 (camunda:*) or Camunda 8 (zeebe:*), but the document declares both namespaces; ' +
        'remove the one you do not use.',
    });
  }
  const dialect = usesCamunda8 && !usesCamunda7 ? 'camunda8' : usesCamunda7 ? 'camunda7' : 'bpmn';
  const moddle =
    dialect === 'camunda8'
      ? new BpmnModdle({ zeebe: zeebeDescriptor })
      : dialect === 'camunda7'
        ? new BpmnModdle({ camunda: camundaDescriptor })
        : new BpmnModdle();
  let result;
  try {
    result = await moddle.fromXML(xml);
  } catch (error) {
    const message = (error as Error).message;
    return {
      ok: false,
      findings: [
        {
          severity: 'error',
          rule: 'xml-parse',
          message: `Expected well-formed BPMN 2.0 XML, but it does not parse: ${message.split('\n')[0]}`,
          ...lineAndColumn(message),
        },
      ],
    };
  }
  for (const warning of result.warnings)
    findings.push(xmlWarningFinding(warning.message, warning.element?.id, 'model'));
  const definitions = result.rootElement;
  if (!definitions || definitions.$type !== 'bpmn:Definitions') {
    findings.push({
      severity: 'error',
      rule: 'xml-parse',
      message: 'Expected a <bpmn:definitions> root element, but found none.',
    });
    return { ok: false, findings };
  }
  return { ok: true, parsed: { definitions, dialect }, findings };
}

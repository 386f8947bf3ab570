import type { Finding } from '../validate/finding.js';

/**
 * Findings about XML as moddle reads it, shared by the BPMN and the DMN reader: warnings that drop content are
 * errors (the model would otherwise run without it), and positions are counted from 1 as editors do.
 */
export function xmlWarningFinding(message: string, elementId: string | undefined, what: string): Finding {
  const first = message.split('\n')[0];
  const drops = /unparsable content|unresolved reference|unknown type|illegal/i.test(message);
  return {
    severity: drops ? 'error' : 'warning',
    rule: drops ? 'xml-content-dropped' : 'xml-warning',
    message: drops
      ? `Part of the ${what} could not be read and would be ignored: ${first}`
      : `The XML reader warned: ${first}`,
    ...(elementId ? { elementId, elementIds: [elementId] } : {}),
    ...lineAndColumn(message),
  };
}

/** moddle counts lines and columns from 0 in its messages; editors count from 1. */
export function lineAndColumn(message: string): { line?: number; column?: number } {
  const line = /line:\s*(\d+)/.exec(message);
  const column = /column:\s*(\d+)/.exec(message);
  return {
    ...(line ? { line: Number(line[1]) + 1 } : {}),
    ...(column ? { column: Number(column[1]) + 1 } : {}),
  };
}

/** The line and column (from 1) of a character index in a text. */
export function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(index, 0)).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

import { parseBpmn } from '../parse/parse-bpmn.js';
import { compileModel, type CompileResult } from './compile-model.js';

/**
 * Parses and validates BPMN XML into the executable model, reporting every finding at once. Deploy stores the
 * model; the runtime executes it without touching XML again.
 *
 * @example
 * const { model, findings } = await compileBpmn(xml);
 * if (!model) throw new Error(findings.map((f) => `${f.elementId}: ${f.message}`).join('\n'));
 */
export async function compileBpmn(xml: string): Promise<CompileResult> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) return { findings: parsed.findings };
  const compiled = compileModel(parsed.parsed);
  const findings = [...parsed.findings, ...compiled.findings];
  const hasErrors = findings.some((finding) => finding.severity === 'error');
  return hasErrors || !compiled.model ? { findings } : { model: compiled.model, findings };
}

import { createRequire } from 'node:module';
import type { Finding, ParsedBpmn } from '#bpmn';
import type { ModdleElement } from 'bpmn-moddle';
import { KOMMUNE_FLOW_PLUGIN, KOMMUNE_FLOW_RULES } from './lint-rules/kommune-flow-rules.js';

// bpmnlint is CommonJS without type declarations; its rules and configurations are modules under its package.
const require = createRequire(import.meta.url);

interface LintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

interface BpmnLinter {
  lint(definitions: ModdleElement): Promise<Record<string, LintReport[]>>;
}

const { Linter } = require('bpmnlint') as {
  Linter: new (options: { config: object; resolver: object }) => BpmnLinter;
};

/**
 * `bpmnlint:recommended`, tuned so that a clean model from Camunda Modeler is reported clean (Camunda's own example
 * models are), plus our rules. Off, and why:
 * - `label-required`: Camunda Modeler leaves start and end events and gateways unnamed, and its examples do too;
 * - `no-bpmndi`: the Modeler always writes the diagram; a model written by hand or generated has none and is fine;
 * - `fake-join`: a task with two incoming flows is how a Camunda 7 model loops back, and runs as a merge;
 * - `no-inclusive-gateway`, `no-complex-gateway`: this engine runs both;
 * - `ad-hoc-sub-process`: the core reports it (not supported yet) as an error already.
 */
export const LINT_CONFIG = {
  extends: 'bpmnlint:recommended',
  rules: {
    'label-required': 'off',
    'no-bpmndi': 'off',
    'fake-join': 'off',
    'no-inclusive-gateway': 'off',
    'no-complex-gateway': 'off',
    'ad-hoc-sub-process': 'off',
    ...Object.fromEntries(
      Object.entries(KOMMUNE_FLOW_RULES).map(([name, { severity }]) => [`kommune-flow/${name}`, severity]),
    ),
  },
};

/** Loads rules without looking for a .bpmnlintrc or plugin packages on disk: bpmnlint's own, and ours. */
const resolver = {
  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg === KOMMUNE_FLOW_PLUGIN) return KOMMUNE_FLOW_RULES[ruleName]?.rule;
    if (pkg === 'bpmnlint' && /^[a-z-]+$/.test(ruleName)) return require(`bpmnlint/rules/${ruleName}`);
    return undefined;
  },
  resolveConfig(pkg: string, configName: string): unknown {
    if (pkg === 'bpmnlint' && /^[a-z-]+$/.test(configName)) return require(`bpmnlint/config/${configName}`);
    throw new Error(`Unknown bpmnlint configuration '${pkg}:${configName}'`);
  },
};

/**
 * Lints a parsed model with bpmnlint. Findings of bpmnlint's own rules are warnings — whether a model can run is the
 * core's decision — and are named `bpmnlint/<rule>`; ours keep their severity and are named `kommune-flow/<rule>`.
 * The tree is changed (flow references filled in): parse a copy of its own for it.
 */
export async function lintBpmn(parsed: ParsedBpmn): Promise<Finding[]> {
  fillFlowReferences(parsed.definitions);
  // A linter per model: bpmnlint keeps a rule's instance between runs, and some rules keep state in it.
  const results = await new Linter({ config: LINT_CONFIG, resolver }).lint(parsed.definitions);
  const findings: Finding[] = [];
  for (const [name, reports] of Object.entries(results)) {
    const ours = name.startsWith('kommune-flow/');
    for (const report of reports) {
      findings.push({
        severity: ours && report.category === 'error' ? 'error' : 'warning',
        rule: ours ? name : `bpmnlint/${name}`,
        message: report.message,
        ...(report.id ? { elementId: report.id, elementIds: [report.id] } : {}),
      });
    }
  }
  return findings;
}

/**
 * bpmnlint follows a flow node's `incoming`/`outgoing`, which Camunda Modeler writes but BPMN does not require: a
 * model written by hand without them would be reported as disconnected everywhere. They are filled in from the
 * sequence flows.
 */
function fillFlowReferences(element: ModdleElement): void {
  const flowElements = element.get('flowElements');
  if (Array.isArray(flowElements)) {
    for (const flow of flowElements as ModdleElement[]) {
      if (flow.$type !== 'bpmn:SequenceFlow') continue;
      addOnce(flow.get('sourceRef') as ModdleElement | undefined, 'outgoing', flow);
      addOnce(flow.get('targetRef') as ModdleElement | undefined, 'incoming', flow);
    }
    for (const child of flowElements as ModdleElement[]) fillFlowReferences(child);
  }
  const rootElements = element.get('rootElements');
  if (Array.isArray(rootElements))
    for (const root of rootElements as ModdleElement[]) fillFlowReferences(root);
}

function addOnce(
  node: ModdleElement | undefined,
  property: 'incoming' | 'outgoing',
  flow: ModdleElement,
): void {
  if (!node) return;
  const flows = node.get(property);
  if (Array.isArray(flows) && !flows.includes(flow)) flows.push(flow);
}

/** Builders for DMN 1.3 documents in tests: a table reads like the table it describes. */

export interface TableSpec {
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  /** Input expressions, or inputs with a type, a Camunda input variable name or an expression language. */
  inputs: Array<string | { expression: string; typeRef?: string; inputVariable?: string; language?: string }>;
  /** Output names, or outputs with a type, priority values (`"high","low"`) or a default output entry. */
  outputs: Array<string | { name?: string; typeRef?: string; values?: string; default?: string }>;
  /** One row per rule: the input entries, then the output entries (`''` or `-` for "any" / "no value"). */
  rules: Array<{ id?: string; when: string[]; then: string[] }>;
  requires?: string[];
  variable?: string;
  versionTag?: string;
}

/** Wraps decisions into a DMN 1.3 document with Camunda's namespace declared. */
export function dmnDocument(
  decisions: string,
  options: { id?: string; expressionLanguage?: string } = {},
): string {
  const language = options.expressionLanguage ? ` expressionLanguage="${options.expressionLanguage}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="${options.id ?? 'decisions'}" name="Test decisions" namespace="http://camunda.org/schema/1.0/dmn"${language}>
${decisions}
</definitions>`;
}

/** A decision decided by a decision table. */
export function decisionTable(id: string, spec: TableSpec): string {
  const policy = spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : '';
  const aggregation = spec.aggregation ? ` aggregation="${spec.aggregation}"` : '';
  const inputs = spec.inputs
    .map((input, index) => {
      const { expression, typeRef, inputVariable, language } =
        typeof input === 'string' ? { expression: input } : input;
      return `<input id="${id}_in${index + 1}"${inputVariable ? ` camunda:inputVariable="${inputVariable}"` : ''}><inputExpression id="${id}_ie${index + 1}"${typeRef ? ` typeRef="${typeRef}"` : ''}${language ? ` expressionLanguage="${language}"` : ''}><text>${escape(expression)}</text></inputExpression></input>`;
    })
    .join('\n      ');
  const outputs = spec.outputs
    .map((output, index) => {
      const {
        name,
        typeRef,
        values,
        default: fallback,
      } = typeof output === 'string' ? { name: output } : output;
      const inner =
        (values ? `<outputValues><text>${escape(values)}</text></outputValues>` : '') +
        (fallback ? `<defaultOutputEntry><text>${escape(fallback)}</text></defaultOutputEntry>` : '');
      return `<output id="${id}_out${index + 1}"${name ? ` name="${name}"` : ''}${typeRef ? ` typeRef="${typeRef}"` : ''}>${inner}</output>`;
    })
    .join('\n      ');
  const rules = spec.rules
    .map((rule, index) => {
      const ruleId = rule.id ?? `${id}_r${index + 1}`;
      const when = rule.when
        .map((entry) => `<inputEntry><text>${escape(entry)}</text></inputEntry>`)
        .join('');
      const then = rule.then
        .map((entry) => `<outputEntry><text>${escape(entry)}</text></outputEntry>`)
        .join('');
      return `<rule id="${ruleId}">${when}${then}</rule>`;
    })
    .join('\n      ');
  return `  <decision id="${id}"${spec.name ? ` name="${spec.name}"` : ''}${spec.versionTag ? ` camunda:versionTag="${spec.versionTag}"` : ''}>
    ${spec.variable ? `<variable name="${spec.variable}" />` : ''}
    ${requirements(spec.requires)}
    <decisionTable id="${id}_table"${policy}${aggregation}>
      ${inputs}
      ${outputs}
      ${rules}
    </decisionTable>
  </decision>`;
}

/** A decision decided by a literal expression. */
export function literalDecision(
  id: string,
  text: string,
  options: { variable?: string; typeRef?: string; language?: string; requires?: string[] } = {},
): string {
  const variable = options.variable
    ? `<variable name="${options.variable}"${options.typeRef ? ` typeRef="${options.typeRef}"` : ''} />`
    : '';
  const language = options.language ? ` expressionLanguage="${options.language}"` : '';
  return `  <decision id="${id}">
    ${variable}
    ${requirements(options.requires)}
    <literalExpression id="${id}_expression"${language}><text>${escape(text)}</text></literalExpression>
  </decision>`;
}

function requirements(ids: string[] | undefined): string {
  return (ids ?? [])
    .map(
      (required) =>
        `<informationRequirement><requiredDecision href="#${required}" /></informationRequirement>`,
    )
    .join('\n    ');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

import type { ModdleElement } from 'bpmn-moddle';
import { javaCallIn } from '../expressions/juel/index.js';
import type {
  CallActivityDefinition,
  CallBinding,
  CallVariableMapping,
} from '../model/call-activity-definition.js';
import type { ExecutableElement } from '../model/executable-model.js';
import { expressionOf, type Expression } from '../model/expression.js';
import type { ParsedBpmn } from '../parse/parse-bpmn.js';
import type { FindingCollector } from './finding.js';
import { attr, describeElement, extension, extensions } from './moddle-access.js';

/** `#{execution.processBusinessKey}`: Camunda Modeler's "business key" switch, passing the caller's own key on. */
const CALLERS_BUSINESS_KEY =
  /^\s*[$#]\{\s*execution\.(processBusinessKey|getProcessBusinessKey\(\s*\))\s*\}\s*$/;

/**
 * Reads what a call activity calls and hands over: Camunda 8's `zeebe:calledElement`, otherwise `calledElement`
 * with Camunda 7's binding attributes and `camunda:in`/`camunda:out`. Call after the element's input/output
 * mappings are read (Camunda 8's output propagation depends on them). Undefined when it cannot run.
 */
export function readCallActivity(
  element: ModdleElement,
  executable: ExecutableElement,
  dialect: ParsedBpmn['dialect'],
  findings: FindingCollector,
): CallActivityDefinition | undefined {
  if (dialect === 'camunda8') return readCamunda8Call(element, executable, findings);
  return readCamunda7Call(element, findings);
}

function readCamunda8Call(
  element: ModdleElement,
  executable: ExecutableElement,
  findings: FindingCollector,
): CallActivityDefinition | undefined {
  const called = extension(element, 'zeebe:CalledElement');
  const processId = called && (attr(called, 'processId') ?? attr(called, 'processIdExpression'));
  let valid = requireProcessId(element, processId, 'zeebe:calledElement processId', findings);
  if (!called) return undefined;
  if (attr(called, 'businessId')) {
    findings.error(
      'unsupported-element',
      element.id,
      `${describeElement(element)} sets a business id on zeebe:calledElement, which this engine does not run yet; remove it.`,
    );
    valid = false;
  }
  const binding = attr(called, 'bindingType') ?? 'latest';
  const versionTag = attr(called, 'versionTag');
  valid = checkBinding(element, binding, ['latest', 'deployment', 'versionTag'], findings) && valid;
  if (binding === 'versionTag' && !versionTag) valid = missing(element, binding, 'versionTag', findings);
  if (!valid || !processId) return undefined;
  // Both attributes default to true: the child sees every variable of the call activity's scope, and all of its
  // variables come back. With output mappings only the mapped ones leave the call activity.
  const allParent = called.get('propagateAllParentVariables') !== false;
  const allChild = called.get('propagateAllChildVariables') !== false;
  const mapsOutputs = executable.outputs.length > 0;
  return {
    processId: expressionOf(processId),
    binding: binding as CallBinding,
    ...(binding === 'versionTag' && versionTag ? { versionTag: expressionOf(versionTag) } : {}),
    inputs: [allParent ? { kind: 'all' } : { kind: 'all', local: true }],
    outputs: allChild || mapsOutputs ? [mapsOutputs ? { kind: 'all', local: true } : { kind: 'all' }] : [],
  };
}

function readCamunda7Call(
  element: ModdleElement,
  findings: FindingCollector,
): CallActivityDefinition | undefined {
  const processId = attr(element, 'calledElement');
  let valid = true;
  if (attr(element, 'camunda:caseRef')) {
    findings.error(
      'unsupported-element',
      element.id,
      `${describeElement(element)} calls a CMMN case (camunda:caseRef), which this engine does not run; call a BPMN process (calledElement) instead.`,
    );
    return undefined;
  }
  valid = requireProcessId(element, processId, 'calledElement', findings) && valid;
  for (const attribute of ['camunda:variableMappingClass', 'camunda:variableMappingDelegateExpression']) {
    const value = attr(element, attribute);
    if (!value) continue;
    findings.error(
      'java-delegate',
      element.id,
      `${describeElement(element)} maps its variables with Java code (${attribute}="${value}"). This engine runs no Java: use camunda:in and camunda:out mappings instead.`,
    );
    valid = false;
  }
  const binding = attr(element, 'camunda:calledElementBinding') ?? 'latest';
  valid =
    checkBinding(element, binding, ['latest', 'deployment', 'version', 'versionTag'], findings) && valid;
  const version = attr(element, 'camunda:calledElementVersion');
  const versionTag = attr(element, 'camunda:calledElementVersionTag');
  if (binding === 'version' && !version)
    valid = missing(element, binding, 'camunda:calledElementVersion', findings);
  if (binding === 'versionTag' && !versionTag)
    valid = missing(element, binding, 'camunda:calledElementVersionTag', findings);
  const tenantId = readTenantId(element, findings);
  const inputs = readBindings(element, 'camunda:In', findings);
  const outputs = readBindings(element, 'camunda:Out', findings);
  if (!valid || !processId || !inputs || !outputs) return undefined;
  return {
    processId: expressionOf(processId),
    binding: binding as CallBinding,
    ...(binding === 'version' && version ? { version: expressionOf(version) } : {}),
    ...(binding === 'versionTag' && versionTag ? { versionTag: expressionOf(versionTag) } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(inputs.businessKey ? { businessKey: inputs.businessKey } : {}),
    inputs: inputs.mappings,
    outputs: outputs.mappings,
  };
}

/**
 * `camunda:calledElementTenantId`. A tenant id computed by a Java bean (as in Camunda's own multi-tenancy example)
 * cannot be evaluated here; rather than refuse the model, the call goes without a tenant — the runtime looks the
 * called process up in the caller's tenant — and a warning says so.
 */
function readTenantId(element: ModdleElement, findings: FindingCollector): Expression | undefined {
  const tenantId = attr(element, 'camunda:calledElementTenantId');
  if (!tenantId) return undefined;
  const expression = expressionOf(tenantId);
  const javaCall = expression.language === 'juel' ? javaCallIn(expression.source) : undefined;
  if (!javaCall) return expression;
  findings.warning(
    'java-tenant-id',
    element.id,
    `${describeElement(element)} computes its tenant with Java code (camunda:calledElementTenantId="${tenantId}" calls '${javaCall}'), which this engine does not run: ` +
      "the called process is looked up in the caller's tenant. Write the tenant id as text or as an expression over variables if another tenant is meant.",
  );
  return undefined;
}

/** `camunda:in` / `camunda:out` entries as mappings (and, for `in`, the business key). Undefined on an error. */
function readBindings(
  element: ModdleElement,
  type: 'camunda:In' | 'camunda:Out',
  findings: FindingCollector,
): { mappings: CallVariableMapping[]; businessKey?: CallActivityDefinition['businessKey'] } | undefined {
  const which = type === 'camunda:In' ? 'camunda:in' : 'camunda:out';
  const mappings: CallVariableMapping[] = [];
  let businessKey: CallActivityDefinition['businessKey'];
  let valid = true;
  const invalid = (message: string) => {
    findings.error(
      'invalid-call-activity',
      element.id,
      `${describeElement(element)} has a ${which} ${message}`,
    );
    valid = false;
  };
  for (const binding of extensions(element, type)) {
    const source = attr(binding, 'source');
    const sourceExpression = attr(binding, 'sourceExpression');
    const target = attr(binding, 'target');
    const variables = attr(binding, 'variables');
    const key = attr(binding, 'businessKey');
    const local = binding.get('local') === true ? { local: true } : {};
    const ways = [source, sourceExpression, variables, key].filter((value) => value !== undefined).length;
    if (ways !== 1) {
      invalid(
        ways === 0
          ? 'that maps nothing: give it a source, a sourceExpression, variables="all"' +
              (type === 'camunda:In' ? ' or a businessKey.' : '.')
          : 'that combines source, sourceExpression, variables and businessKey; use one per mapping.',
      );
      continue;
    }
    if (key !== undefined) {
      if (type === 'camunda:Out') invalid('with a businessKey; only camunda:in can pass a business key.');
      else if (businessKey) invalid('with a second businessKey; the called process has one business key.');
      else
        businessKey = CALLERS_BUSINESS_KEY.test(key) ? { inherit: true } : { expression: expressionOf(key) };
    } else if (variables !== undefined) {
      if (variables !== 'all') invalid(`with variables="${variables}"; the only value is "all".`);
      else mappings.push({ kind: 'all', ...local });
    } else if (!target) {
      invalid(`from '${source ?? sourceExpression}' without a target: name the variable it sets.`);
    } else if (source !== undefined) {
      mappings.push({ kind: 'variable', source, target, ...local });
    } else {
      mappings.push({
        kind: 'expression',
        source: expressionOf(sourceExpression as string),
        target,
        ...local,
      });
    }
  }
  return valid ? { mappings, ...(businessKey ? { businessKey } : {}) } : undefined;
}

function requireProcessId(
  element: ModdleElement,
  processId: string | undefined,
  attribute: string,
  findings: FindingCollector,
): boolean {
  if (processId) return true;
  findings.error(
    'missing-implementation',
    element.id,
    `${describeElement(element)} names no process to call: set ${attribute} to the called process's id.`,
  );
  return false;
}

function checkBinding(
  element: ModdleElement,
  binding: string,
  allowed: string[],
  findings: FindingCollector,
): boolean {
  if (allowed.includes(binding)) return true;
  findings.error(
    'invalid-call-activity',
    element.id,
    `${describeElement(element)} binds the called process by '${binding}'; expected one of ${allowed.join(', ')}.`,
  );
  return false;
}

function missing(
  element: ModdleElement,
  binding: string,
  attribute: string,
  findings: FindingCollector,
): false {
  findings.error(
    'invalid-call-activity',
    element.id,
    `${describeElement(element)} binds the called process by ${binding}, so it needs ${attribute}, but has none; set it (or bind by latest).`,
  );
  return false;
}

/** Every expression of a call, named for a validation message. */
export function expressionsOfCall(call: CallActivityDefinition): Array<[string, Expression]> {
  const result: Array<[string, Expression]> = [['the called process id', call.processId]];
  if (call.version) result.push(['the called version', call.version]);
  if (call.versionTag) result.push(['the called version tag', call.versionTag]);
  if (call.tenantId) result.push(['the tenant id', call.tenantId]);
  if (call.businessKey && 'expression' in call.businessKey)
    result.push(['the business key', call.businessKey.expression]);
  for (const [direction, mappings] of [
    ['in', call.inputs],
    ['out', call.outputs],
  ] as const) {
    for (const mapping of mappings) {
      if (mapping.kind === 'expression')
        result.push([`the ${direction}-mapping '${mapping.target}'`, mapping.source]);
    }
  }
  return result;
}

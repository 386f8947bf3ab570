import type { Evaluation } from '../../expressions/expression-evaluator.js';
import type { CallActivityDefinition } from '../../model/call-activity-definition.js';
import type { Execution } from '../../runtime/execution.js';
import { maskPersonalData } from '../../runtime/incident-text.js';
import type { ElementInstance, Wait } from '../../runtime/instance-state.js';
import { activationFailed } from '../activation-failed.js';
import type { ElementBehavior } from '../element-behavior.js';
import { numberOf } from '../tasks/job-wait.js';
import {
  applyOutputWrites,
  childOutputWrites,
  childStartVariables,
  type CallOutputWrite,
} from './call-variables.js';

type CallWait = Extract<Wait, { kind: 'call-activity' }>;

/**
 * Call activity: the core describes the call in a `call-activity` wait (which process, which version, the business
 * key, the child's start variables); the runtime starts the child and reports its end on that wait. Completion
 * (a trigger carrying the child's final variables) applies the out-mappings and leaves; an error or escalation
 * from the child is thrown at the call activity. When the call activity ends any other way its wait closes as
 * 'cancelled', which tells the runtime to cancel the child.
 */
export const callActivity: ElementBehavior = {
  onActivate(execution, instance) {
    const call = execution.element(instance.elementId).callActivity as CallActivityDefinition;
    const target = describeCall(execution, instance, call);
    if (!target.ok) return activationFailed(execution, instance, maskPersonalData(target.message));
    const variables = childStartVariables(execution, instance, call.inputs);
    if (!variables.ok) return activationFailed(execution, instance, maskPersonalData(variables.message));
    execution.openWait({
      key: execution.nextKey(),
      ownerKey: instance.key,
      elementId: instance.elementId,
      ...(target.value as CallTarget),
      variables: variables.value as CallWait['variables'],
    });
  },
  onTrigger(execution, instance, wait, payload) {
    const call = execution.element(instance.elementId).callActivity as CallActivityDefinition;
    const writes = childOutputWrites(instance, call.outputs, payload.variables ?? {});
    if (!writes.ok) {
      // The wait stays open: resolving the incident delivers the same completion again.
      return execution.raiseIncident(instance, 'expression-failed', maskPersonalData(writes.message), [
        { op: 'trigger', waitKey: wait.key, payload },
      ]);
    }
    execution.closeWait(wait.key, 'triggered');
    if (payload.localVariables) execution.applyPayload(instance, { localVariables: payload.localVariables });
    applyOutputWrites(execution, instance, writes.value as CallOutputWrite[]);
    execution.schedule({ op: 'complete', key: instance.key });
  },
};

type CallTarget = Omit<CallWait, 'key' | 'ownerKey' | 'elementId' | 'nonInterrupting' | 'variables'>;

/** Evaluates which process to call, in which version and tenant, and with which business key. */
function describeCall(
  execution: Execution,
  instance: ElementInstance,
  call: CallActivityDefinition,
): Evaluation {
  const what = (field: string) => `the ${field} of call activity '${instance.elementId}'`;
  const processId = execution.evaluateText(call.processId, instance.key, what('called process id'));
  if (!processId.ok) return processId;
  if (processId.value === '') {
    return {
      ok: false,
      message: `Expected ${what('called process id')} to name a process, but it was empty`,
    };
  }
  const target: CallTarget = {
    kind: 'call-activity',
    processId: processId.value as string,
    binding: call.binding,
  };
  if (call.binding === 'version' && call.version) {
    const version = numberOf(execution, call.version, instance, 'the called version');
    if (!version.ok) return version;
    target.version = version.value as number;
  }
  if (call.binding === 'versionTag' && call.versionTag) {
    const tag = execution.evaluateText(call.versionTag, instance.key, what('version tag'));
    if (!tag.ok) return tag;
    target.versionTag = tag.value as string;
  }
  if (call.tenantId) {
    const tenant = execution.evaluateText(call.tenantId, instance.key, what('tenant id'));
    if (!tenant.ok) return tenant;
    if (tenant.value !== '') target.tenantId = tenant.value as string;
  }
  if (call.businessKey && 'inherit' in call.businessKey) {
    if (execution.state.businessKey !== undefined) target.businessKey = execution.state.businessKey;
  } else if (call.businessKey) {
    const key = execution.evaluate(call.businessKey.expression, instance.key);
    if (!key.ok) {
      return { ok: false, message: `Failed to evaluate ${what('business key')}: ${key.message}` };
    }
    // A business key that evaluates to nothing starts the child without one, as in Camunda 7.
    if (key.value !== null && key.value !== undefined && key.value !== '')
      target.businessKey = String(key.value);
  }
  return { ok: true, value: target };
}

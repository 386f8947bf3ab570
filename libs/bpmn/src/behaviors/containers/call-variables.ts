import {
  evaluateExpression,
  type Evaluation,
  type VariableLookup,
} from '../../expressions/expression-evaluator.js';
import type { CallVariableMapping } from '../../model/call-activity-definition.js';
import { describeExpression, referencedVariable } from '../../model/expression.js';
import { plainValuesOf, typedValueOf, type TypedValue, type VariableMap } from '../../model/typed-value.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance } from '../../runtime/instance-state.js';

/**
 * The variables a call activity hands its child: its in-mappings evaluated in the call activity's scope (after
 * its input mappings, so those can be passed on). The value is a {@link VariableMap}; types are kept when a
 * variable is copied as it is.
 */
export function childStartVariables(
  execution: Execution,
  instance: ElementInstance,
  mappings: CallVariableMapping[],
): Evaluation {
  const own = execution.state.variables[instance.key] ?? {};
  const result: VariableMap = {};
  for (const mapping of mappings) {
    switch (mapping.kind) {
      case 'all':
        Object.assign(result, mapping.local ? own : visibleVariables(execution, instance.key));
        break;
      case 'variable':
        result[mapping.target] =
          (mapping.local ? own[mapping.source] : execution.variables.find(instance.key, mapping.source)) ??
          typedValueOf(null);
        break;
      case 'expression': {
        const value = mapping.local
          ? evaluateMapping(mapping, lookupOf(own), (name) => own[name], instance, 'in')
          : evaluateMapping(
              mapping,
              execution.variables.lookup(instance.key),
              (name) => execution.variables.find(instance.key, name),
              instance,
              'in',
            );
        if (!value.ok) return value;
        result[mapping.target] = value.value as TypedValue;
        break;
      }
    }
  }
  return { ok: true, value: result };
}

/**
 * What comes back when the child completed: the out-mappings read the child's final variables and are all
 * evaluated before anything is written, so a failing one changes nothing (the caller raises an incident and
 * keeps waiting). The value is the list of writes to make from the call activity.
 */
export function childOutputWrites(
  instance: ElementInstance,
  mappings: CallVariableMapping[],
  childVariables: VariableMap,
): Evaluation {
  const writes: CallOutputWrite[] = [];
  for (const mapping of mappings) {
    const local = mapping.local === true;
    switch (mapping.kind) {
      case 'all':
        for (const [name, value] of Object.entries(childVariables)) writes.push({ name, value, local });
        break;
      case 'variable':
        writes.push({
          name: mapping.target,
          value: childVariables[mapping.source] ?? typedValueOf(null),
          local,
        });
        break;
      case 'expression': {
        const value = evaluateMapping(
          mapping,
          lookupOf(childVariables),
          (name) => childVariables[name],
          instance,
          'out',
        );
        if (!value.ok) return value;
        writes.push({ name: mapping.target, value: value.value as TypedValue, local });
        break;
      }
    }
  }
  return { ok: true, value: writes };
}

/** One variable the call activity sets when its child completed: locally, or where the variable lives. */
export interface CallOutputWrite {
  name: string;
  value: TypedValue;
  local: boolean;
}

/** Makes the writes of {@link childOutputWrites} from the call activity's scope. */
export function applyOutputWrites(
  execution: Execution,
  instance: ElementInstance,
  writes: CallOutputWrite[],
): void {
  for (const write of writes) {
    if (write.local) execution.variables.setLocal(instance.key, write.name, write.value);
    else execution.variables.set(instance.key, write.name, write.value);
  }
}

/** Every variable visible from a scope as typed values, the innermost definition winning. */
function visibleVariables(execution: Execution, scopeKey: string): VariableMap {
  const merged: VariableMap = {};
  for (const key of execution.variables.chain(scopeKey).reverse())
    Object.assign(merged, execution.state.variables[key] ?? {});
  return merged;
}

function lookupOf(variables: VariableMap): VariableLookup {
  return {
    get: (name) =>
      Object.hasOwn(variables, name) ? { found: true, value: variables[name].value } : { found: false },
    all: () => plainValuesOf(variables),
  };
}

/**
 * Evaluates a `sourceExpression`. A bare reference to a variable (`${order}`) keeps that variable's type (a Date
 * stays a Date); anything else gets its type inferred.
 */
function evaluateMapping(
  mapping: Extract<CallVariableMapping, { kind: 'expression' }>,
  lookup: VariableLookup,
  typedOf: (name: string) => TypedValue | undefined,
  instance: ElementInstance,
  direction: 'in' | 'out',
): Evaluation {
  const result = evaluateExpression(mapping.source, lookup);
  if (!result.ok) {
    const where = direction === 'in' ? "in the caller's scope" : "on the called process's variables";
    return {
      ok: false,
      message: `Failed to evaluate the ${direction}-mapping '${mapping.target}' ('${describeExpression(mapping.source)}') of call activity '${instance.elementId}' ${where}: ${result.message}`,
    };
  }
  const reference = referencedVariable(mapping.source);
  const kept = reference ? typedOf(reference) : undefined;
  return { ok: true, value: kept ?? typedValueOf(result.value) };
}

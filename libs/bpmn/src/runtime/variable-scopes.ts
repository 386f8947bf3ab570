import type { VariableLookup } from '../expressions/expression-evaluator.js';
import { plainValuesOf, type TypedValue } from '../model/typed-value.js';
import type { ProcessInstanceState } from './instance-state.js';

/**
 * Variable scopes follow the element-instance tree: a lookup walks from an instance up to the process,
 * the innermost definition winning.
 */
export class VariableScopes {
  constructor(
    private readonly state: ProcessInstanceState,
    private readonly onChange: (scopeKey: string, name: string, value: TypedValue) => void,
    private readonly onDelete: (scopeKey: string, name: string, previous: TypedValue) => void = () => {},
  ) {}

  /** The scope keys from `scopeKey` up to the process instance. */
  chain(scopeKey: string): string[] {
    const keys: string[] = [];
    let key: string | null = scopeKey;
    while (key !== null) {
      keys.push(key);
      key = this.state.elementInstances[key]?.parentKey ?? null;
    }
    return keys;
  }

  find(scopeKey: string, name: string): TypedValue | undefined {
    for (const key of this.chain(scopeKey)) {
      const value = this.state.variables[key]?.[name];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  lookup(scopeKey: string): VariableLookup {
    return {
      get: (name) => {
        const value = this.find(scopeKey, name);
        return value === undefined ? { found: false } : { found: true, value: value.value };
      },
      all: () => {
        const merged: Record<string, unknown> = {};
        for (const key of this.chain(scopeKey).reverse())
          Object.assign(merged, plainValuesOf(this.state.variables[key] ?? {}));
        return merged;
      },
    };
  }

  /** Camunda's `setVariable`: updates the innermost scope that has the variable, else creates it on the process. */
  set(scopeKey: string, name: string, value: TypedValue): void {
    const owner =
      this.chain(scopeKey).find((key) => this.state.variables[key]?.[name] !== undefined) ??
      this.state.rootKey;
    this.write(owner, name, value);
  }

  /** Camunda's `setVariableLocal`: creates or updates the variable in exactly this scope. */
  setLocal(scopeKey: string, name: string, value: TypedValue): void {
    this.write(scopeKey, name, value);
  }

  /**
   * Camunda's `removeVariable`: removes the variable from the innermost scope that has it (`removeVariableLocal`
   * with `local`: only from this scope). A variable that does not exist is no change.
   */
  remove(scopeKey: string, name: string, local: boolean): void {
    const owner = local
      ? scopeKey
      : this.chain(scopeKey).find((key) => this.state.variables[key]?.[name] !== undefined);
    const scope = owner === undefined ? undefined : this.state.variables[owner];
    const previous = scope?.[name];
    if (owner === undefined || !scope || previous === undefined) return;
    delete scope[name];
    this.onDelete(owner, name, previous);
  }

  /** Drops a finished element instance's local variables. */
  dropScope(scopeKey: string): void {
    delete this.state.variables[scopeKey];
  }

  private write(scopeKey: string, name: string, value: TypedValue): void {
    const scope = (this.state.variables[scopeKey] ??= {});
    scope[name] = value;
    this.onChange(scopeKey, name, value);
  }
}

/**
 * The typed variables an element instance sees — its own and those of every enclosing scope, the innermost
 * definition winning — as a user task or a worker is shown them.
 */
export function visibleVariables(
  state: Pick<ProcessInstanceState, 'variables' | 'elementInstances'>,
  scopeKey: string,
): Record<string, TypedValue> {
  const chain: string[] = [];
  for (let key: string | null = scopeKey; key !== null; key = state.elementInstances[key]?.parentKey ?? null)
    chain.push(key);
  const visible: Record<string, TypedValue> = {};
  for (const key of chain.reverse()) Object.assign(visible, state.variables[key] ?? {});
  return visible;
}

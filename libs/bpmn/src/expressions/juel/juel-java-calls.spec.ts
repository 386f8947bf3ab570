import { describe, expect, it } from '@jest/globals';
import { javaCallIn } from './juel-java-calls.js';

describe('javaCallIn: the call in a JUEL template that only Java could run', () => {
  it.each([
    [
      '${calledElementTenantIdProvider.resolveTenantId(execution)}',
      'calledElementTenantIdProvider.resolveTenantId(execution)',
    ],
    ['tenant-${lookup(region)}', 'lookup(region)'],
    ['${x == 1 ? bean.pick(x) : "none"}', 'bean.pick(x)'],
    ['${name.trim().toUpperCase()}', undefined],
    ["${execution.getVariable('tenant')}", undefined],
    ['${items.size() > 0 && map.containsKey("a")}', undefined],
    ['kommune-101', undefined],
    ['${a +', undefined],
  ])('%s → %s', (source, expected) => {
    expect(javaCallIn(source)).toBe(expected);
  });
});

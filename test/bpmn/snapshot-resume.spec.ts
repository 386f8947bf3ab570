import { describe, expect, it } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import { playScenario, type Scenario } from '../support/scenario.js';

/**
 * Every scenario of every group, run twice: straight through, and step by step with the state and the model
 * passed through JSON into a fresh executor after every single step (as if each step ran in another process).
 * Both runs must produce the same trace, the same effects and the same final states — and pass the same assertions.
 */
const folder = new URL('./scenarios/', import.meta.url);
const modules = (await readdir(folder)).filter((file) => file.endsWith('.scenarios.ts')).sort();
const groups: Array<[string, Scenario[]]> = [];
for (const file of modules) {
  const exported = (await import(new URL(file, folder).href)) as Record<string, unknown>;
  for (const value of Object.values(exported)) {
    if (Array.isArray(value)) groups.push([file.replace('.scenarios.ts', ''), value as Scenario[]]);
  }
}

describe('a snapshot after any step resumes with the same outcome', () => {
  it('finds the scenario groups', () => {
    expect(groups.map(([group]) => group)).toEqual(expect.arrayContaining(['tasks']));
    expect(groups.reduce((count, [, scenarios]) => count + scenarios.length, 0)).toBeGreaterThan(10);
  });

  for (const [group, scenarios] of groups) {
    for (const scenario of scenarios) {
      it(`${group}: ${scenario.name}`, async () => {
        const straight = await playScenario(scenario, false);
        const resumed = await playScenario(scenario, true);
        expect(resumed.events).toEqual(straight.events);
        expect(resumed.effects).toEqual(straight.effects);
        expect([...resumed.instances.entries()]).toEqual([...straight.instances.entries()]);
        scenario.then(resumed);
      });
    }
  }
});

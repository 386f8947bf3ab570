import { describe, it } from '@jest/globals';
import { ProcessHarness } from './process-harness.js';

/**
 * A BPMN scenario: a model, what happens to it, and what must have happened — Given/When/Then.
 * Every scenario also runs in the snapshot-and-resume test, so it must be deterministic.
 */
export interface Scenario {
  name: string;
  xml: string;
  /** Starts instances, completes tasks, fires timers … */
  when(harness: ProcessHarness): void;
  then(harness: ProcessHarness): void;
  maxSteps?: number;
  /** DMN documents deployed with the model, for business rule tasks. */
  dmn?: string[];
}

export async function playScenario(scenario: Scenario, snapshotEveryStep: boolean): Promise<ProcessHarness> {
  const harness = await ProcessHarness.deploy(scenario.xml, {
    snapshotEveryStep,
    ...(scenario.maxSteps ? { maxSteps: scenario.maxSteps } : {}),
    ...(scenario.dmn ? { dmn: scenario.dmn } : {}),
  });
  scenario.when(harness);
  return harness;
}

/** Registers one Jest test per scenario. */
export function describeScenarios(title: string, scenarios: Scenario[]): void {
  describe(title, () => {
    for (const scenario of scenarios) {
      it(scenario.name, async () => {
        const harness = await playScenario(scenario, false);
        scenario.then(harness);
      });
    }
  });
}

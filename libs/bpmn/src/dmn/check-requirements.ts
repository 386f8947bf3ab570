import type { FindingCollector } from '../validate/finding.js';

/**
 * Every required decision must be a decision of the same document, and the requirements must not go round in a
 * cycle (a decision would need its own result). `requirements` maps each decision id to the ids it requires.
 */
export function checkRequirements(requirements: Map<string, string[]>, findings: FindingCollector): void {
  for (const [decisionId, required] of requirements) {
    for (const requiredId of required) {
      if (!requirements.has(requiredId)) {
        findings.error(
          'missing-decision',
          decisionId,
          `Decision '${decisionId}' requires the decision '${requiredId}', which is not in this DMN document; ` +
            'add it or remove the requirement.',
        );
      }
    }
  }
  for (const cycle of cyclesOf(requirements)) {
    findings.error(
      'decision-cycle',
      cycle,
      `Decisions ${[...cycle, cycle[0]].map((id) => `'${id}'`).join(' → ')} require each other in a cycle, so none of ` +
        'them can be evaluated; remove one of these requirements.',
    );
  }
}

/** Each cycle once, as found by a depth-first walk in document order. */
function cyclesOf(requirements: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (id: string): void => {
    if (done.has(id) || !requirements.has(id)) return;
    const onPath = path.indexOf(id);
    if (onPath >= 0) {
      cycles.push(path.slice(onPath));
      return;
    }
    path.push(id);
    for (const required of requirements.get(id) ?? []) visit(required);
    path.pop();
    done.add(id);
  };
  for (const id of requirements.keys()) visit(id);
  return cycles;
}

import type { ExecutableDecisions } from './decision-model.js';

/**
 * Which deployed version of a decision a business rule task wants (Camunda 7's `camunda:decisionRefBinding`):
 * the latest, the one deployed together with the process, a version number, or a version tag.
 */
export type DecisionBinding =
  | { type: 'latest' }
  | { type: 'deployment' }
  | { type: 'version'; version: number }
  | { type: 'versionTag'; versionTag: string };

/**
 * The port through which the core finds decisions. They live in DMN deployments of their own, which the core does
 * not hold: the host answers with the compiled DMN document ({@link ExecutableDecisions}) that contains the decision
 * in the version the binding asks for, or undefined when there is none. For `deployment` the host resolves against
 * the deployment of the process definition it runs. It must answer from memory (the core never waits).
 */
export interface DecisionLookup {
  find(decisionId: string, binding: DecisionBinding): ExecutableDecisions | undefined;
}

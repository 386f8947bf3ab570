import type { ConnectorRegistry } from './connector-registry.js';

/** The prefix by which a job type, external task topic or Camunda 7 connectorId names a built-in connector. */
export const CONNECTOR_JOB_TYPE_PREFIX = 'connector:';

/**
 * THE one way a service task names a built-in connector: its job type is `connector:<id>`, written literally in
 * any of the places a model names its worker —
 *
 * - Camunda 7 external task: `camunda:type="external" camunda:topic="connector:noop"`
 * - Camunda 7 connector: `<camunda:connector><camunda:connectorId>connector:noop</camunda:connectorId></camunda:connector>`
 * - Camunda 8: `<zeebe:taskDefinition type="connector:noop" />`
 *
 * Returns the connector id, or `undefined` for any other job type: that one is a topic for an outside worker.
 * Surrounding whitespace is ignored; the prefix is case-sensitive. `connector:` with a missing or malformed id
 * still returns what follows the prefix, so {@link checkConnectorReferences} reports it instead of it quietly
 * becoming a topic no worker serves.
 *
 * @example
 * connectorIdOf('connector:digital-post'); // 'digital-post'
 * connectorIdOf('send-letter'); // undefined: an external task topic
 */
export function connectorIdOf(jobType: string): string | undefined {
  const trimmed = jobType.trim();
  return trimmed.startsWith(CONNECTOR_JOB_TYPE_PREFIX)
    ? trimmed.slice(CONNECTOR_JOB_TYPE_PREFIX.length)
    : undefined;
}

/** The job type that names a connector: `connector:<id>`. */
export function connectorJobType(connectorId: string): string {
  return `${CONNECTOR_JOB_TYPE_PREFIX}${connectorId}`;
}

/** A service task whose job type names a connector this engine does not have. Shaped like a `#bpmn` finding. */
export interface ConnectorReferenceFinding {
  readonly severity: 'error';
  readonly rule: 'unknown-connector';
  readonly elementId: string;
  /** What the task named after `connector:` (possibly empty). */
  readonly connectorId: string;
  readonly message: string;
}

/**
 * Checks, at deploy time, that every job type naming a connector names a registered one. Job types that are no
 * connector reference (external task topics) pass. Give literal job types only: one computed by an expression is
 * known at run time alone.
 *
 * @example
 * checkConnectorReferences([{ elementId: 'SendLetter', jobType: 'connector:digtal-post' }], registry);
 * // [{ elementId: 'SendLetter', message: "Element 'SendLetter' names connector 'digtal-post' …; known connectors: …" }]
 */
export function checkConnectorReferences(
  jobTypes: ReadonlyArray<{ readonly elementId: string; readonly jobType: string }>,
  registry: ConnectorRegistry,
): ConnectorReferenceFinding[] {
  const known = registry.ids();
  const knownText = known.length === 0 ? 'none are registered' : `known connectors: ${known.join(', ')}`;
  const findings: ConnectorReferenceFinding[] = [];
  for (const { elementId, jobType } of jobTypes) {
    const connectorId = connectorIdOf(jobType);
    if (connectorId === undefined || registry.has(connectorId)) continue;
    const message =
      connectorId === ''
        ? `Element '${elementId}' has job type '${jobType.trim()}', which names no connector: write '${CONNECTOR_JOB_TYPE_PREFIX}<id>' (${knownText}), or drop the '${CONNECTOR_JOB_TYPE_PREFIX}' prefix to leave the work to an external worker`
        : `Element '${elementId}' names connector '${connectorId}' (job type '${jobType.trim()}'), but this engine has no connector with that id; ${knownText}. Fix the id, or drop the '${CONNECTOR_JOB_TYPE_PREFIX}' prefix to leave the work to an external worker`;
    findings.push({ severity: 'error', rule: 'unknown-connector', elementId, connectorId, message });
  }
  return findings;
}

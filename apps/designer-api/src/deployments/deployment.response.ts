import {
  CamundaRestException,
  camundaProcessDefinitionOf,
  camundaTenantId,
  formatCamundaDate,
  selfLink,
  type LinkableRequest,
} from '#camunda-rest';
import type { Finding } from '#bpmn';
import type { DeploymentOutcome, DeploymentRejectedError } from './deployment.service.js';

/**
 * Camunda's `DeploymentWithDefinitionsDto`. As in Camunda, a kind of definition the deployment did not create is
 * `null`, and the definitions are keyed by id.
 */
export function camundaDeploymentOf(
  outcome: DeploymentOutcome,
  request: LinkableRequest,
): Record<string, unknown> {
  const processes = outcome.processDefinitions.map((definition) => [
    definition.id,
    camundaProcessDefinitionOf({ ...definition, suspended: false }),
  ]);
  const decisions = outcome.decisionDefinitions.map((definition) => [
    definition.id,
    {
      id: definition.id,
      key: definition.key,
      category: null,
      name: definition.name,
      version: definition.version,
      resource: definition.resource,
      deploymentId: definition.deploymentId,
      tenantId: camundaTenantId(definition.tenantId),
      decisionRequirementsDefinitionId: null,
      decisionRequirementsDefinitionKey: definition.decisionRequirementsDefinitionKey,
      historyTimeToLive: null,
      versionTag: null,
    },
  ]);
  return {
    links: [selfLink(request, `/deployment/${outcome.id}`)],
    id: outcome.id,
    name: outcome.name,
    source: outcome.source,
    deploymentTime: formatCamundaDate(outcome.deployedAt),
    tenantId: camundaTenantId(outcome.tenantId),
    deployedProcessDefinitions: processes.length > 0 ? Object.fromEntries(processes) : null,
    deployedCaseDefinitions: null,
    deployedDecisionDefinitions: decisions.length > 0 ? Object.fromEntries(decisions) : null,
    deployedDecisionRequirementsDefinitions: null,
  };
}

/**
 * A refused deployment as Camunda reports one: 400, `ParseException`, a message listing every error, and `details`
 * with each resource's `errors` and `warnings` (Camunda's problem shape: message, line, column, element ids).
 */
export function parseExceptionOf(error: DeploymentRejectedError): CamundaRestException {
  const details: Record<string, { errors: unknown[]; warnings: unknown[] }> = {};
  const summary: string[] = [];
  for (const [resource, findings] of Object.entries(error.findingsByResource)) {
    details[resource] = {
      errors: findings.filter((finding) => finding.severity === 'error').map(problemOf),
      warnings: findings.filter((finding) => finding.severity === 'warning').map(problemOf),
    };
    for (const finding of findings.filter((candidate) => candidate.severity === 'error')) {
      summary.push(`${resource}${finding.elementId ? ` [${finding.elementId}]` : ''}: ${finding.message}`);
    }
  }
  return new CamundaRestException(400, 'ParseException', `${error.message}. ${summary.join('; ')}`, {
    details,
  });
}

function problemOf(finding: Finding): Record<string, unknown> {
  return {
    message: finding.message,
    line: finding.line ?? 0,
    column: finding.column ?? 0,
    mainElementId: finding.elementId ?? null,
    elementIds: finding.elementIds ?? (finding.elementId ? [finding.elementId] : []),
    rule: finding.rule,
  };
}

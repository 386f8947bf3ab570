import {
  CamundaRestException,
  camundaProcessDefinitionOf,
  camundaTenantId,
  formatCamundaDate,
  selfLink,
  type LinkableRequest,
} from '#camunda-rest';
import { camundaDecisionDefinitionOf } from '../decision-definitions/camunda-decision-definition.js';
import { errorSummaryOf, resourceReportsOf } from '../validation/validation-report.js';
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
    camundaDecisionDefinitionOf(definition),
  ]);
  const requirements = outcome.decisionRequirementsDefinitions.map((definition) => [
    definition.id,
    {
      id: definition.id,
      key: definition.key,
      name: definition.name,
      category: null,
      version: definition.version,
      resource: definition.resource,
      deploymentId: definition.deploymentId,
      tenantId: camundaTenantId(definition.tenantId),
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
    deployedDecisionRequirementsDefinitions:
      requirements.length > 0 ? Object.fromEntries(requirements) : null,
    // Our extension: Camunda's answer has no place for the warnings of an accepted deployment, so they come as the
    // `details` a refused one has (ParseException's shape), each resource's errors (none) and warnings.
    ...(outcome.findingsByResource ? { details: resourceReportsOf(outcome.findingsByResource) } : {}),
  };
}

/**
 * A refused deployment as Camunda reports one: 400, `ParseException`, a message listing every error, and `details`
 * with each resource's `errors` and `warnings` (Camunda's problem shape: message, line, column, element ids).
 */
export function parseExceptionOf(error: DeploymentRejectedError): CamundaRestException {
  return new CamundaRestException(
    400,
    'ParseException',
    `${error.message}. ${errorSummaryOf(error.findingsByResource)}`,
    { details: resourceReportsOf(error.findingsByResource) },
  );
}

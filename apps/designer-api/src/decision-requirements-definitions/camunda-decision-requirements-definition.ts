import { camundaTenantId } from '#camunda-rest';

/** A deployed decision requirements definition (a DMN document with several decisions), as the answers read it. */
export interface DecisionRequirementsDefinitionView {
  id: string;
  key: string;
  version: number;
  name: string | null;
  resource: string;
  tenantId: string;
  deploymentId: string;
}

/**
 * Camunda's `DecisionRequirementsDefinitionDto`. `category` is the DMN namespace in Camunda; the compiled model keeps
 * no namespace, so it is null here.
 */
export function camundaDecisionRequirementsDefinitionOf(
  definition: DecisionRequirementsDefinitionView,
): Record<string, unknown> {
  return {
    id: definition.id,
    key: definition.key,
    name: definition.name,
    category: null,
    version: definition.version,
    resource: definition.resource,
    deploymentId: definition.deploymentId,
    tenantId: camundaTenantId(definition.tenantId),
  };
}

import { camundaTenantId } from '#camunda-rest';

/** A deployed decision version, as the designer-api's answers read it. */
export interface DecisionDefinitionView {
  id: string;
  key: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  resource: string;
  tenantId: string;
  deploymentId: string;
  decisionRequirementsDefinitionId: string | null;
  decisionRequirementsDefinitionKey: string | null;
}

/** Camunda's `DecisionDefinitionDto`. Decisions keep no history of their own here: `historyTimeToLive` is null. */
export function camundaDecisionDefinitionOf(definition: DecisionDefinitionView): Record<string, unknown> {
  return {
    id: definition.id,
    key: definition.key,
    category: null,
    name: definition.name,
    version: definition.version,
    resource: definition.resource,
    deploymentId: definition.deploymentId,
    tenantId: camundaTenantId(definition.tenantId),
    decisionRequirementsDefinitionId: definition.decisionRequirementsDefinitionId,
    decisionRequirementsDefinitionKey: definition.decisionRequirementsDefinitionKey,
    historyTimeToLive: null,
    versionTag: definition.versionTag,
  };
}

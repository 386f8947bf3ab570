import { camundaTenantId } from '../tenant-scope.js';

/** A deployed process definition version, as both apps' REST APIs read it. */
export interface ProcessDefinitionView {
  id: string;
  key: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  resource: string;
  deploymentId: string;
  tenantId: string;
  suspended: boolean;
  historyTimeToLiveDays: number | null;
}

/** Camunda's `ProcessDefinitionDto`. */
export function camundaProcessDefinitionOf(definition: ProcessDefinitionView): Record<string, unknown> {
  return {
    id: definition.id,
    key: definition.key,
    category: null,
    description: null,
    name: definition.name,
    version: definition.version,
    resource: definition.resource,
    deploymentId: definition.deploymentId,
    diagram: null,
    suspended: definition.suspended,
    tenantId: camundaTenantId(definition.tenantId),
    versionTag: definition.versionTag,
    historyTimeToLive: definition.historyTimeToLiveDays,
    startableInTasklist: true,
  };
}

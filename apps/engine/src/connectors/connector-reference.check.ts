import { checkConnectorReferences, type ConnectorRegistry } from '#adapters';
import type { ExecutableProcess, Finding } from '#bpmn';
import type { DeploymentCheck } from '../../../designer-api/src/deployments/deployment-check.js';

/**
 * Refuses, at deploy time, a service task whose job type names a connector this engine does not have
 * (`connector:digtal-post`), instead of an instance that later waits for a connector that never comes. Job types
 * computed by an expression are known at run time only and pass here.
 */
export class ConnectorReferenceCheck implements DeploymentCheck {
  constructor(private readonly registry: ConnectorRegistry) {}

  checkProcess(process: ExecutableProcess): Finding[] {
    const jobTypes = Object.values(process.elements).flatMap((element) =>
      element.job && element.job.type.language === 'literal'
        ? [{ elementId: element.id, jobType: element.job.type.source }]
        : [],
    );
    return checkConnectorReferences(jobTypes, this.registry).map((finding) => ({
      severity: finding.severity,
      rule: finding.rule,
      message: finding.message,
      elementId: finding.elementId,
      elementIds: [finding.elementId],
    }));
  }
}

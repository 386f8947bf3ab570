import type { ExecutableProcess, Finding } from '#bpmn';

/**
 * A rule a deployment must pass beyond the model's own validity, supplied by whoever runs the models — the engine
 * checks that every `connector:<id>` names a connector it has. A port, so designer-api knows no engine code.
 */
export interface DeploymentCheck {
  /** Findings about one compiled process of the resource `resource`; any error refuses the whole deployment. */
  checkProcess(process: ExecutableProcess, resource: string): Finding[];
}

/** Nest token for the {@link DeploymentCheck}s the deployment service runs. */
export const DEPLOYMENT_CHECKS = Symbol('DEPLOYMENT_CHECKS');

import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  compileBpmn,
  compileDmn,
  parseBpmn,
  type ExecutableDecisions,
  type ExecutableProcess,
  type Finding,
} from '#bpmn';
import { DEPLOYMENT_CHECKS, type DeploymentCheck } from '../deployments/deployment-check.js';
import { lintBpmn } from './bpmn-lint.js';
import { screenResource, type ResourceFile, type ResourceKind } from './resource-screening.js';
import { errorSummaryOf, resourceReportsOf, type ResourceReport } from './validation-report.js';

/** Nest token of the largest resource accepted, in bytes (MAX_RESOURCE_BYTES). */
export const MAX_RESOURCE_BYTES = Symbol('MAX_RESOURCE_BYTES');
export const DEFAULT_MAX_RESOURCE_BYTES = 5 * 1024 * 1024;

/** One resource, checked: its findings, and its executable form when it has no error. */
export interface ResourceValidation {
  name: string;
  kind: ResourceKind | undefined;
  findings: Finding[];
  /** A BPMN resource without errors: the processes it deploys. */
  processes?: ExecutableProcess[];
  /** A DMN resource without errors: its decisions. */
  decisions?: ExecutableDecisions;
}

/** What `POST /api/validate` answers: the deployment's report, without deploying. */
export interface ValidationReport {
  /** Whether a deployment of these resources would be accepted (no errors; warnings are allowed). */
  valid: boolean;
  message: string;
  /** Exactly the `details` of the ParseException a refused deployment gets. */
  details: Record<string, ResourceReport>;
  processes: Array<{ id: string; name: string | null; resource: string }>;
  decisions: Array<{ id: string; name: string | null; resource: string }>;
}

/**
 * Validates models the way a deployment does — and a deployment validates through it: screening of the raw file
 * (size, DOCTYPE and entities, what kind of model it is), the core's executability validation, the engine's
 * deployment checks (connector ids), and bpmnlint with our own rules. Errors refuse a deployment; warnings come
 * back with it.
 */
@Injectable()
export class ModelValidationService {
  constructor(
    @Optional()
    @Inject(MAX_RESOURCE_BYTES)
    readonly maxResourceBytes: number = DEFAULT_MAX_RESOURCE_BYTES,
    /** Rules of the engine that runs the models (its connector ids), applied to every compiled process. */
    @Optional()
    @Inject(DEPLOYMENT_CHECKS)
    private readonly checks: readonly DeploymentCheck[] = [],
  ) {}

  /**
   * Every finding about one resource; throws {@link ResourceTooLargeError} for a resource over the limit.
   *
   * @example
   * const { findings, processes } = await validation.validateResource({ name: 'aktindsigt.bpmn', content });
   */
  async validateResource(file: ResourceFile): Promise<ResourceValidation> {
    const screened = screenResource(file, this.maxResourceBytes);
    if (!screened.ok) return { name: file.name, kind: screened.kind, findings: screened.findings };
    const { kind, text } = screened;
    if (kind === 'form') return { name: file.name, kind, findings: [] };
    if (kind === 'dmn') {
      const { model, findings } = await compileDmn(text);
      return { name: file.name, kind, findings, ...(model ? { decisions: model } : {}) };
    }
    // The linter fills in flow references on its tree, so it gets a parse of its own.
    const [compiled, parsed] = await Promise.all([compileBpmn(text), parseBpmn(text)]);
    const checked = (compiled.model?.processes ?? []).flatMap((process) =>
      this.checks.flatMap((check) => check.checkProcess(process, file.name)),
    );
    const findings = [...compiled.findings, ...checked, ...(parsed.ok ? await lintBpmn(parsed.parsed) : [])];
    const valid = compiled.model && !findings.some((finding) => finding.severity === 'error');
    return { name: file.name, kind, findings, ...(valid ? { processes: compiled.model?.processes } : {}) };
  }

  /** The report of `POST /api/validate` for a set of resources: what a deployment of them would say. */
  async validate(files: ResourceFile[]): Promise<ValidationReport> {
    const validations: ResourceValidation[] = [];
    for (const file of files) validations.push(await this.validateResource(file));
    const findingsByResource = Object.fromEntries(validations.map((each) => [each.name, each.findings]));
    const errors = validations
      .flatMap((each) => each.findings)
      .filter((finding) => finding.severity === 'error');
    const warnings = validations.flatMap((each) => each.findings).length - errors.length;
    return {
      valid: errors.length === 0,
      message:
        errors.length === 0
          ? `No errors in ${files.map((file) => file.name).join(', ')}: a deployment would be accepted` +
            (warnings > 0 ? `, with ${warnings} warning(s)` : '')
          : `A deployment would be refused: ${errors.length} error(s). ${errorSummaryOf(findingsByResource)}`,
      details: resourceReportsOf(findingsByResource),
      processes: validations.flatMap((each) =>
        (each.processes ?? []).map((process) => ({
          id: process.id,
          name: process.name ?? null,
          resource: each.name,
        })),
      ),
      decisions: validations.flatMap((each) =>
        Object.values(each.decisions?.decisions ?? {}).map((decision) => ({
          id: decision.id,
          name: decision.name ?? null,
          resource: each.name,
        })),
      ),
    };
  }
}

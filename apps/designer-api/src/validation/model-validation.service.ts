import { Injectable } from '@nestjs/common';
import { compileBpmn, type Finding } from '#bpmn';

/** A validation report: every finding, and the processes that would be deployed. */
export interface ValidationReport {
  valid: boolean;
  processes: Array<{ id: string; name?: string }>;
  errors: Finding[];
  warnings: Finding[];
}

/** Validates a model the way a deployment will, without deploying it. */
@Injectable()
export class ModelValidationService {
  async validate(xml: string): Promise<ValidationReport> {
    const { model, findings } = await compileBpmn(xml);
    return {
      valid: model !== undefined,
      processes: (model?.processes ?? []).map((process) => ({
        id: process.id,
        ...(process.name ? { name: process.name } : {}),
      })),
      errors: findings.filter((finding) => finding.severity === 'error'),
      warnings: findings.filter((finding) => finding.severity === 'warning'),
    };
  }
}

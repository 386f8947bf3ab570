import type { Finding } from '#bpmn';

/**
 * One finding as Camunda 7 reports a parse problem (`message`, `line`, `column`, `mainElementId`, `elementIds`;
 * 0 and null where unknown, as Camunda writes them), with our `rule` and `severity` added.
 */
export interface CamundaProblem {
  message: string;
  line: number;
  column: number;
  mainElementId: string | null;
  elementIds: string[];
  rule: string;
  severity: Finding['severity'];
}

/** Camunda's `ResourceReportDto`: a resource's errors and warnings. */
export interface ResourceReport {
  errors: CamundaProblem[];
  warnings: CamundaProblem[];
}

export function problemOf(finding: Finding): CamundaProblem {
  return {
    message: finding.message,
    line: finding.line ?? 0,
    column: finding.column ?? 0,
    mainElementId: finding.elementId ?? null,
    elementIds: finding.elementIds ?? (finding.elementId ? [finding.elementId] : []),
    rule: finding.rule,
    severity: finding.severity,
  };
}

/** The `details` of Camunda's ParseException: every resource's report, by resource name. */
export function resourceReportsOf(
  findingsByResource: Record<string, Finding[]>,
): Record<string, ResourceReport> {
  return Object.fromEntries(
    Object.entries(findingsByResource).map(([resource, findings]) => [
      resource,
      {
        errors: findings.filter((finding) => finding.severity === 'error').map(problemOf),
        warnings: findings.filter((finding) => finding.severity === 'warning').map(problemOf),
      },
    ]),
  );
}

/** Every error in one line, each with its resource and element: `a.bpmn [Task_1]: …; b.dmn: …`. */
export function errorSummaryOf(findingsByResource: Record<string, Finding[]>): string {
  return Object.entries(findingsByResource)
    .flatMap(([resource, findings]) =>
      findings
        .filter((finding) => finding.severity === 'error')
        .map(
          (finding) => `${resource}${finding.elementId ? ` [${finding.elementId}]` : ''}: ${finding.message}`,
        ),
    )
    .join('; ');
}

/** One validation finding: where it is, which rule found it, and what was expected. */
export interface Finding {
  severity: 'error' | 'warning';
  /** A stable rule name, e.g. `unsupported-element`, `java-delegate`, `missing-condition`. */
  rule: string;
  message: string;
  /** The element the finding is about (for a gateway's flow: the gateway). */
  elementId?: string;
  /** Every element involved, the main one first. */
  elementIds?: string[];
  /** For XML that does not parse. */
  line?: number;
  column?: number;
}

/** Collects findings while a model is read, so that all of them are reported at once. */
export class FindingCollector {
  readonly findings: Finding[] = [];

  error(rule: string, elementIds: string | string[] | undefined, message: string): void {
    this.add('error', rule, elementIds, message);
  }

  warning(rule: string, elementIds: string | string[] | undefined, message: string): void {
    this.add('warning', rule, elementIds, message);
  }

  get hasErrors(): boolean {
    return this.findings.some((finding) => finding.severity === 'error');
  }

  private add(
    severity: Finding['severity'],
    rule: string,
    elementIds: string | string[] | undefined,
    message: string,
  ): void {
    const ids = elementIds === undefined ? [] : Array.isArray(elementIds) ? elementIds : [elementIds];
    this.findings.push({
      severity,
      rule,
      message,
      ...(ids.length > 0 ? { elementId: ids[0], elementIds: ids } : {}),
    });
  }
}

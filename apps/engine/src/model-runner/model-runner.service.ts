import { Injectable } from '@nestjs/common';
import {
  compileBpmn,
  compileDmn,
  type DecisionLookup,
  type ExecutableDecisions,
  plainValuesOf,
  ProcessExecutor,
  typedVariablesOf,
  type Finding,
  type ProcessInstanceState,
  type Wait,
} from '#bpmn';
import { traceLines } from './trace-printer.js';

export interface RunOptions {
  processId?: string;
  /** DMN documents whose decisions business rule tasks may call (the latest of each decision id is used). */
  decisionXmls?: string[];
  variables?: Record<string, unknown>;
  /** Completes jobs and user tasks without variables and fires timers on a simulated clock, until nothing is left. */
  auto?: boolean;
  startTime?: Date;
}

export interface RunReport {
  findings: Finding[];
  lines: string[];
  state?: ProcessInstanceState;
}

/** Runs one model file in memory and reports its trace: the engine's first, serverless way to try a model. */
@Injectable()
export class ModelRunnerService {
  async run(xml: string, options: RunOptions = {}): Promise<RunReport> {
    const { model, findings } = await compileBpmn(xml);
    const decisions = await compileDecisions(options.decisionXmls ?? [], findings);
    if (!model || !decisions) return { findings, lines: [] };
    const process = options.processId
      ? model.processes.find((candidate) => candidate.id === options.processId)
      : model.processes[0];
    if (!process) {
      return {
        findings,
        lines: [
          `No executable process '${options.processId}' in the model (it has: ${model.processes.map((p) => p.id).join(', ')})`,
        ],
      };
    }
    let clock = options.startTime ?? new Date();
    const executor = new ProcessExecutor(process, { now: () => clock, decisions });
    const lines = [`Process '${process.id}'${process.name ? ` (${process.name})` : ''}`];
    let result = executor.execute(null, {
      type: 'start',
      instanceId: 'run-1',
      variables: typedVariablesOf(options.variables ?? {}),
    });
    lines.push(...traceLines(result.events, result.effects));
    for (let round = 0; options.auto && result.state.status === 'active' && round < 1000; round += 1) {
      const next = nextAutomaticStep(Object.values(result.state.waits));
      if (!next) break;
      if (next.kind === 'timer') clock = new Date(Math.max(clock.getTime(), Date.parse(next.dueAt)));
      lines.push(`— ${describeAutomaticStep(next)}`);
      result = executor.execute(result.state, { type: 'trigger', waitKey: next.key });
      lines.push(...traceLines(result.events, result.effects));
    }
    const state = result.state;
    lines.push(
      `Status: ${state.status}`,
      `Variables: ${JSON.stringify(plainValuesOf(state.variables[state.rootKey] ?? {}))}`,
    );
    const waiting = Object.values(state.waits).map((wait) => `${wait.elementId} (${wait.kind})`);
    if (waiting.length > 0) lines.push(`Waiting: ${waiting.join(', ')}`);
    return { findings, lines, state };
  }
}

/** Compiles the DMN documents into a lookup by decision id (a later document wins); undefined when one is invalid. */
async function compileDecisions(xmls: string[], findings: Finding[]): Promise<DecisionLookup | undefined> {
  const byDecision = new Map<string, ExecutableDecisions>();
  let valid = true;
  for (const xml of xmls) {
    const compiled = await compileDmn(xml);
    findings.push(...compiled.findings);
    if (!compiled.model) valid = false;
    for (const decisionId of Object.keys(compiled.model?.decisions ?? {}))
      byDecision.set(decisionId, compiled.model as ExecutableDecisions);
  }
  return valid ? { find: (decisionId) => byDecision.get(decisionId) } : undefined;
}

/** Jobs and user tasks first, then the earliest timer; messages, signals and conditions need the outside world. */
function nextAutomaticStep(waits: Wait[]): Wait | undefined {
  const work =
    waits.find((wait) => wait.kind === 'async') ??
    waits.find((wait) => wait.kind === 'job' || wait.kind === 'user-task');
  if (work) return work;
  return waits
    .filter((wait): wait is Extract<Wait, { kind: 'timer' }> => wait.kind === 'timer')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

function describeAutomaticStep(wait: Wait): string {
  if (wait.kind === 'timer') return `time passes to ${wait.dueAt}: timer '${wait.elementId}' fires`;
  if (wait.kind === 'job') return `a worker completes job '${wait.jobType}' at '${wait.elementId}'`;
  if (wait.kind === 'async') return `the job executor continues '${wait.elementId}' (async ${wait.phase})`;
  return `someone completes user task '${wait.elementId}'`;
}

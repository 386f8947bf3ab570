import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { Test } from '@nestjs/testing';
import { ModelRunnerModule } from './model-runner.module.js';
import { ModelRunnerService } from './model-runner.service.js';

const example = () => readFile(new URL('../../../../examples/aktindsigt.bpmn', import.meta.url), 'utf8');

describe('ModelRunnerService', () => {
  it('runs the aktindsigt example to the end in --auto mode, taking the granted branch', async () => {
    const app = await Test.createTestingModule({ imports: [ModelRunnerModule] }).compile();
    const report = await app.get(ModelRunnerService).run(await example(), {
      auto: true,
      variables: { caseNumber: 1234, granted: true },
      startTime: new Date('2026-03-02T08:00:00Z'),
    });
    expect(report.state?.status).toBe('completed');
    expect(report.lines).toContain("  ✔ scriptTask 'grantLetter' completed");
    expect(report.lines.at(-1)).toBe(
      'Variables: {"caseNumber":1234,"granted":true,"letter":"Du har fået aktindsigt i sag 1234"}',
    );
  });

  it('stops where the outside world is needed when not in --auto mode', async () => {
    const app = await Test.createTestingModule({ imports: [ModelRunnerModule] }).compile();
    const report = await app.get(ModelRunnerService).run(await example(), { variables: { caseNumber: 1 } });
    expect(report.state?.status).toBe('active');
    expect(report.lines.at(-1)).toBe('Waiting: openCase (job)');
  });

  it('reports the findings of a model that does not validate, and runs nothing', async () => {
    const app = await Test.createTestingModule({ imports: [ModelRunnerModule] }).compile();
    const broken = (await example()).replace(
      'camunda:type="external" camunda:topic="esdh-create-case"',
      'camunda:class="dk.Esdh"',
    );
    const report = await app.get(ModelRunnerService).run(broken);
    expect(report.state).toBeUndefined();
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'java-delegate', elementId: 'openCase' }),
    ]);
  });

  it('runs a business rule task against the DMN documents it is given', async () => {
    const app = await Test.createTestingModule({ imports: [ModelRunnerModule] }).compile();
    const read = (name: string) => readFile(new URL(`../../../../examples/${name}`, import.meta.url), 'utf8');
    const report = await app.get(ModelRunnerService).run(await read('housing-benefit.bpmn'), {
      decisionXmls: [await read('housing-benefit.dmn')],
      variables: { income: 400000, children: 0 },
      auto: true,
    });
    expect(report.state?.status).toBe('completed');
    expect(report.lines.at(-1)).toBe(
      'Variables: {"income":400000,"children":0,"benefit":{"band":"none","monthly":0}}',
    );
    expect(report.lines).not.toContain("  ▶ userTask 'approve'");
  });
});

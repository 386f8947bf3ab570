import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { DesignerApiModule } from '../designer-api.module.js';
import { MAX_RESOURCE_BYTES, ModelValidationService } from './model-validation.service.js';
import { ResourceTooLargeError } from './resource-screening.js';

const model = (task: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
  <bpmn:process id="onboarding" name="Onboarding" isExecutable="true" camunda:historyTimeToLive="P180D">
    <bpmn:startEvent id="start" />
    ${task}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="createAccount" />
    <bpmn:sequenceFlow id="f2" sourceRef="createAccount" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const file = (name: string, text: string) => ({ name, content: Buffer.from(text) });

async function service(): Promise<ModelValidationService> {
  const app = await Test.createTestingModule({ imports: [DesignerApiModule] }).compile();
  return app.get(ModelValidationService);
}

describe('ModelValidationService (through Nest DI)', () => {
  it('reports a valid model and the processes it would deploy', async () => {
    const report = await (
      await service()
    ).validate([
      file(
        'onboarding.bpmn',
        model('<bpmn:serviceTask id="createAccount" camunda:type="external" camunda:topic="ad-account" />'),
      ),
    ]);
    expect(report).toEqual({
      valid: true,
      message: 'No errors in onboarding.bpmn: a deployment would be accepted',
      details: { 'onboarding.bpmn': { errors: [], warnings: [] } },
      processes: [{ id: 'onboarding', name: 'Onboarding', resource: 'onboarding.bpmn' }],
      decisions: [],
    });
  });

  it("combines the core's errors with bpmnlint's and our rules' warnings, each with rule and severity", async () => {
    const report = await (
      await service()
    ).validate([
      file(
        'onboarding.bpmn',
        model(
          '<bpmn:serviceTask id="createAccount" camunda:class="dk.kommune.CreateAccount" /><bpmn:userTask id="orphan" />',
        ),
      ),
    ]);
    expect(report.valid).toBe(false);
    expect(report.details['onboarding.bpmn'].errors).toEqual([
      expect.objectContaining({
        rule: 'java-delegate',
        severity: 'error',
        mainElementId: 'createAccount',
        elementIds: ['createAccount'],
        message: expect.stringContaining('external task'),
      }),
    ]);
    expect(report.details['onboarding.bpmn'].warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'bpmnlint/no-disconnected',
          severity: 'warning',
          mainElementId: 'orphan',
        }),
        expect.objectContaining({ rule: 'kommune-flow/user-task-assignment', mainElementId: 'orphan' }),
      ]),
    );
    expect(report.processes).toEqual([]);
  });

  it('refuses an oversized resource unread, with the limit given to the module', async () => {
    const app = await Test.createTestingModule({
      providers: [ModelValidationService, { provide: MAX_RESOURCE_BYTES, useValue: 100 }],
    }).compile();
    await expect(
      app.get(ModelValidationService).validateResource(file('big.bpmn', 'x'.repeat(101))),
    ).rejects.toThrow(new ResourceTooLargeError('big.bpmn', 100));
  });
});

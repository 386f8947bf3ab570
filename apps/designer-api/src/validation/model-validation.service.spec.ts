import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { DesignerApiModule } from '../designer-api.module.js';
import { ModelValidationService } from './model-validation.service.js';

const model = (task: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
  <bpmn:process id="onboarding" name="Onboarding" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${task}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="createAccount" />
    <bpmn:sequenceFlow id="f2" sourceRef="createAccount" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('ModelValidationService (through Nest DI)', () => {
  it('reports a valid model and the processes it would deploy', async () => {
    const app = await Test.createTestingModule({ imports: [DesignerApiModule] }).compile();
    const report = await app
      .get(ModelValidationService)
      .validate(
        model('<bpmn:serviceTask id="createAccount" camunda:type="external" camunda:topic="ad-account" />'),
      );
    expect(report).toMatchObject({
      valid: true,
      processes: [{ id: 'onboarding', name: 'Onboarding' }],
      errors: [],
    });
  });

  it('refuses a Java-bound task with the element id and what to use instead', async () => {
    const app = await Test.createTestingModule({ imports: [DesignerApiModule] }).compile();
    const report = await app
      .get(ModelValidationService)
      .validate(model('<bpmn:serviceTask id="createAccount" camunda:class="dk.kommune.CreateAccount" />'));
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({
        rule: 'java-delegate',
        elementId: 'createAccount',
        message: expect.stringContaining('external task'),
      }),
    ]);
  });
});

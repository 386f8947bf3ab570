import { describe, expect, it } from '@jest/globals';
import { compileBpmn } from '#bpmn';
import { DeploymentService } from '../../../designer-api/src/deployments/deployment.service.js';
import { createBuiltInConnectorRegistry } from './built-in-connectors.js';
import { ConnectorReferenceCheck } from './connector-reference.check.js';

const model = (tasks: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />${tasks}
  </bpmn:process>
</bpmn:definitions>`;

async function findingsOf(tasks: string) {
  const { model: compiled } = await compileBpmn(model(tasks));
  if (!compiled) throw new Error('the model should compile');
  return new ConnectorReferenceCheck(createBuiltInConnectorRegistry()).checkProcess(compiled.processes[0]!);
}

describe('ConnectorReferenceCheck', () => {
  it('passes the built-in connectors and external task topics', async () => {
    expect(
      await findingsOf(
        `<bpmn:serviceTask id="a" camunda:type="external" camunda:topic="connector:noop" />
         <bpmn:serviceTask id="b" camunda:type="external" camunda:topic="connector:test" />
         <bpmn:serviceTask id="c" camunda:type="external" camunda:topic="send-letter" />`,
      ),
    ).toEqual([]);
  });

  it('refuses a connector id the engine does not have, naming the element and the known ids', async () => {
    expect(
      await findingsOf(
        `<bpmn:serviceTask id="SendLetter" camunda:type="external" camunda:topic="connector:digtal-post" />`,
      ),
    ).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'unknown-connector',
        elementId: 'SendLetter',
        message: expect.stringContaining("names connector 'digtal-post'") as unknown as string,
      }),
    ]);
  });

  it('makes the deployment service refuse such a model before it touches the database', async () => {
    const service = new DeploymentService(undefined as never, [
      new ConnectorReferenceCheck(createBuiltInConnectorRegistry()),
    ]);
    await expect(
      service.deploy({
        tenantId: '',
        files: [
          {
            name: 'letter.bpmn',
            content: Buffer.from(
              model(
                `<bpmn:serviceTask id="SendLetter" camunda:type="external" camunda:topic="connector:nope" />`,
              ),
            ),
          },
        ],
      }),
    ).rejects.toMatchObject({
      findingsByResource: {
        'letter.bpmn': expect.arrayContaining([expect.objectContaining({ rule: 'unknown-connector' })]),
      },
    });
  });
});

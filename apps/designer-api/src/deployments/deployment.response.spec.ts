import { describe, expect, it } from '@jest/globals';
import { camundaDeploymentOf, parseExceptionOf } from './deployment.response.js';
import { DeploymentRejectedError, type DeploymentOutcome } from './deployment.service.js';

const request = { protocol: 'http', headers: { host: 'localhost:8081' } };

describe('deployments as Camunda answers them', () => {
  it('writes the deployment with its definitions keyed by id, dates in Camunda format, no tenant as null', () => {
    const outcome: DeploymentOutcome = {
      id: 'd-1',
      name: 'aktindsigt',
      source: 'Camunda Modeler',
      tenantId: '',
      deployedAt: new Date('2026-01-05T08:00:00Z'),
      processDefinitions: [
        {
          id: 'aktindsigt:1:x',
          key: 'aktindsigt',
          version: 1,
          name: 'Aktindsigt',
          versionTag: '1.0',
          resource: 'aktindsigt.bpmn',
          tenantId: '',
          deploymentId: 'd-1',
          historyTimeToLiveDays: 180,
        },
      ],
      decisionDefinitions: [],
      decisionRequirementsDefinitions: [],
    };
    expect(camundaDeploymentOf(outcome, request)).toEqual({
      links: [{ method: 'GET', href: 'http://localhost:8081/engine-rest/deployment/d-1', rel: 'self' }],
      id: 'd-1',
      name: 'aktindsigt',
      source: 'Camunda Modeler',
      deploymentTime: '2026-01-05T08:00:00.000+0000',
      tenantId: null,
      deployedProcessDefinitions: {
        'aktindsigt:1:x': {
          id: 'aktindsigt:1:x',
          key: 'aktindsigt',
          category: null,
          description: null,
          name: 'Aktindsigt',
          version: 1,
          resource: 'aktindsigt.bpmn',
          deploymentId: 'd-1',
          diagram: null,
          suspended: false,
          tenantId: null,
          versionTag: '1.0',
          historyTimeToLive: 180,
          startableInTasklist: true,
        },
      },
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: null,
      deployedDecisionRequirementsDefinitions: null,
    });
  });

  it("turns a refused deployment into Camunda's ParseException with each resource's errors and warnings", () => {
    const refused = parseExceptionOf(
      new DeploymentRejectedError({
        'a.bpmn': [
          {
            severity: 'error',
            rule: 'dangling-flow',
            message: "Flow 'f' has no target",
            elementId: 'f',
            elementIds: ['f'],
          },
          { severity: 'warning', rule: 'label', message: 'No name', elementId: 'g' },
        ],
        'b.dmn': [{ severity: 'error', rule: 'xml', message: 'Not XML', line: 3, column: 7 }],
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.toBody()).toEqual({
      type: 'ParseException',
      message:
        "The deployment was refused: 2 error(s) in a.bpmn, b.dmn. a.bpmn [f]: Flow 'f' has no target; b.dmn: Not XML",
      details: {
        'a.bpmn': {
          errors: [
            {
              message: "Flow 'f' has no target",
              line: 0,
              column: 0,
              mainElementId: 'f',
              elementIds: ['f'],
              rule: 'dangling-flow',
              severity: 'error',
            },
          ],
          warnings: [
            {
              message: 'No name',
              line: 0,
              column: 0,
              mainElementId: 'g',
              elementIds: ['g'],
              rule: 'label',
              severity: 'warning',
            },
          ],
        },
        'b.dmn': {
          errors: [
            {
              message: 'Not XML',
              line: 3,
              column: 7,
              mainElementId: null,
              elementIds: [],
              rule: 'xml',
              severity: 'error',
            },
          ],
          warnings: [],
        },
      },
    });
  });
});

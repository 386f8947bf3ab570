import { describe, expect, it } from '@jest/globals';
import { camundaIncidentOf, camundaIncidentType } from './incident.response.js';

describe('incidents as Camunda reports them', () => {
  it("names a job whose retries ran out 'failedJob', and the core's own incidents in camelCase", () => {
    expect(camundaIncidentType('job-failed')).toBe('failedJob');
    expect(camundaIncidentType('no-matching-flow')).toBe('noMatchingFlow');
    expect(camundaIncidentType('expression-failed')).toBe('expressionFailed');
  });

  it('maps an open incident row to the IncidentDto', () => {
    expect(
      camundaIncidentOf({
        id: 'i-1.9',
        tenant_id: '',
        process_instance_id: 'i-1',
        process_definition_id: 'p:1:x',
        element_id: 'callService',
        element_instance_key: 'i-1.4',
        incident_type: 'job-failed',
        message: 'the service answered 503',
        job_id: null,
        created_at: new Date('2026-01-05T08:00:00Z'),
      }),
    ).toMatchObject({
      id: 'i-1.9',
      processInstanceId: 'i-1',
      activityId: 'callService',
      incidentType: 'failedJob',
      incidentMessage: 'the service answered 503',
      incidentTimestamp: '2026-01-05T08:00:00.000+0000',
      tenantId: null,
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  camundaHistoricIncidentOf,
  camundaIncidentOf,
  camundaIncidentType,
  coreIncidentType,
  type IncidentRow,
} from './incident.response.js';

const failedJob: IncidentRow = {
  id: 'i-1.9',
  tenant_id: '',
  process_instance_id: 'i-1',
  process_definition_id: 'p:1:x',
  process_definition_key: 'p',
  root_process_instance_id: 'i-0',
  element_id: 'callService',
  element_instance_key: 'i-1.4',
  incident_type: 'job-failed',
  message: 'the service answered 503',
  job_id: 'i-1.5',
  job_kind: 'connector',
  created_at: new Date('2026-01-05T08:00:00Z'),
  ended_at: null,
  deleted: false,
  removal_time: null,
};

describe('incidents as Camunda reports them', () => {
  it("names a job whose retries ran out 'failedJob' (an external task's 'failedExternalTask'), the core's own incidents in camelCase", () => {
    expect(camundaIncidentType('job-failed')).toBe('failedJob');
    expect(camundaIncidentType('job-failed', 'external-task')).toBe('failedExternalTask');
    expect(camundaIncidentType('no-matching-flow')).toBe('noMatchingFlow');
    expect(camundaIncidentType('expression-failed')).toBe('expressionFailed');
  });

  it('reads Camunda’s incident types back as the core’s', () => {
    expect(coreIncidentType('failedJob')).toEqual({ type: 'job-failed', externalTask: false });
    expect(coreIncidentType('failedExternalTask')).toEqual({ type: 'job-failed', externalTask: true });
    expect(coreIncidentType('stepBudgetExceeded')).toEqual({ type: 'step-budget-exceeded' });
  });

  it('maps an open incident row to the IncidentDto, the failed job as its configuration', () => {
    expect(camundaIncidentOf(failedJob)).toMatchObject({
      id: 'i-1.9',
      processInstanceId: 'i-1',
      executionId: 'i-1.4',
      activityId: 'callService',
      incidentType: 'failedJob',
      incidentMessage: 'the service answered 503',
      incidentTimestamp: '2026-01-05T08:00:00.000+0000',
      configuration: 'i-1.5',
      tenantId: null,
    });
  });

  it('tells open, resolved and deleted incidents apart in history', () => {
    expect(camundaHistoricIncidentOf(failedJob)).toMatchObject({
      open: true,
      resolved: false,
      deleted: false,
      endTime: null,
      rootProcessInstanceId: 'i-0',
      processDefinitionKey: 'p',
    });
    const ended = { ...failedJob, ended_at: new Date('2026-01-05T09:00:00Z') };
    expect(camundaHistoricIncidentOf(ended)).toMatchObject({
      open: false,
      resolved: true,
      deleted: false,
      endTime: '2026-01-05T09:00:00.000+0000',
    });
    expect(camundaHistoricIncidentOf({ ...ended, deleted: true })).toMatchObject({
      open: false,
      resolved: false,
      deleted: true,
    });
  });
});

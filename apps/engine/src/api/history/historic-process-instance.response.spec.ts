import { describe, expect, it } from '@jest/globals';
import {
  camundaHistoricProcessInstanceOf,
  camundaHistoricState,
} from './historic-process-instance.response.js';

describe('historic process instances as Camunda reports them', () => {
  it.each([
    ['active', false, 'ACTIVE'],
    ['active', true, 'SUSPENDED'],
    ['completed', false, 'COMPLETED'],
    ['cancelled', false, 'EXTERNALLY_TERMINATED'],
    ['failed', false, 'INTERNALLY_TERMINATED'],
  ])('status %s (suspended %s) is %s', (status, suspended, state) => {
    expect(camundaHistoricState(status, suspended)).toBe(state);
  });

  it('writes times in Camunda format, the duration of an ended instance, and no tenant as null', () => {
    expect(
      camundaHistoricProcessInstanceOf({
        id: 'i-1',
        tenant_id: '',
        definition_id: 'grant:2:x',
        definition_key: 'grant',
        definition_name: 'Grant',
        definition_version: 2,
        business_key: 'sag-1',
        state: 'completed',
        suspended: null,
        super_instance_id: null,
        started_at: new Date('2026-01-05T08:00:00Z'),
        ended_at: new Date('2026-01-05T08:00:01.500Z'),
        removal_time: null,
      }),
    ).toMatchObject({
      id: 'i-1',
      rootProcessInstanceId: 'i-1',
      processDefinitionId: 'grant:2:x',
      processDefinitionKey: 'grant',
      processDefinitionName: 'Grant',
      processDefinitionVersion: 2,
      businessKey: 'sag-1',
      startTime: '2026-01-05T08:00:00.000+0000',
      endTime: '2026-01-05T08:00:01.500+0000',
      durationInMillis: 1500,
      removalTime: null,
      tenantId: null,
      state: 'COMPLETED',
    });
  });
});

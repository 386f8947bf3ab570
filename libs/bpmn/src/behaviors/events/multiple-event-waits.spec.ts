import { describe, expect, it } from '@jest/globals';
import { ProcessExecutor } from '../../runtime/process-executor.js';
import { compileBpmn } from '../../validate/compile-bpmn.js';

async function executorFor(body: string): Promise<ProcessExecutor> {
  const { model, findings } = await compileBpmn(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
  <bpmn:message id="m" name="answer" />
  <bpmn:signal id="s" name="law" />
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`);
  if (!model) throw new Error(findings.map((finding) => finding.message).join('\n'));
  return new ProcessExecutor(model.processes[0], { now: () => new Date('2026-03-01T10:00:00Z') });
}

const MULTIPLE_START = `
  <bpmn:startEvent id="begin" parallelMultiple="true"><bpmn:messageEventDefinition messageRef="m" /><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>
  <bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="begin" targetRef="end" />`;

describe('multiple event waits', () => {
  it('a start names the trigger that occurred by its index, and an index the event lacks is refused', async () => {
    const executor = await executorFor(MULTIPLE_START);
    const started = executor.execute(null, {
      type: 'start',
      instanceId: 'pi',
      startEventId: 'begin',
      firedDefinition: 1,
    });
    expect(Object.values(started.state.waits).map((wait) => wait.kind)).toEqual(['message']);
    expect(() =>
      executor.execute(null, { type: 'start', instanceId: 'pi', startEventId: 'begin', firedDefinition: 2 }),
    ).toThrow("Start event 'begin' has 2 event definitions, so it has no trigger number 2");
  });

  it('a trigger that fails to open closes the waits opened so far, and the incident retries them all', async () => {
    const executor = await executorFor(`
      <bpmn:startEvent id="start" />
      <bpmn:intermediateCatchEvent id="wait">
        <bpmn:signalEventDefinition signalRef="s" />
        <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">\${delay}</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
      <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />`);
    const started = executor.execute(null, { type: 'start', instanceId: 'pi' });
    expect(started.state.waits).toEqual({});
    expect(started.effects.filter((effect) => effect.type === 'wait.closed')).toEqual([
      expect.objectContaining({ kind: 'signal', reason: 'cancelled' }),
    ]);
    const [incident] = Object.values(started.state.incidents);
    expect(incident).toMatchObject({ elementId: 'wait', incidentType: 'expression-failed' });
    const fixed = executor.execute(started.state, {
      type: 'set-variables',
      variables: { delay: { type: 'String', value: 'PT1H' } },
    });
    const resolved = executor.execute(fixed.state, { type: 'resolve-incident', incidentKey: incident.key });
    expect(Object.values(resolved.state.waits).map((wait) => wait.kind)).toEqual(['signal', 'timer']);
  });
});

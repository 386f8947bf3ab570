/** Wraps the inside of a process (and any root elements such as messages) into a BPMN document for scenario tests. */
export function bpmnDocument(
  processBody: string,
  options: {
    id?: string;
    dialect?: 'camunda7' | 'camunda8' | 'bpmn';
    rootElements?: string;
    extraProcesses?: string;
  } = {},
): string {
  const dialect = options.dialect ?? 'camunda7';
  const namespace =
    dialect === 'camunda7'
      ? ' xmlns:camunda="http://camunda.org/schema/1.0/bpmn"'
      : dialect === 'camunda8'
        ? ' xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"'
        : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${namespace} id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${options.id ?? 'scenario'}" isExecutable="true">
${processBody}
  </bpmn:process>
${options.extraProcesses ?? ''}
${options.rootElements ?? ''}
</bpmn:definitions>`;
}

/** A sequence flow, optionally with a condition (`${…}` JUEL or `=…` FEEL). */
export function flow(id: string, from: string, to: string, condition?: string): string {
  if (!condition) return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
  const escaped = condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escaped}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

/** A chain of flows: chain('start', 'a', 'b', 'end') links each element to the next. */
export function chain(...ids: string[]): string {
  return ids
    .slice(1)
    .map((id, index) => flow(`f_${ids[index]}_${id}`, ids[index], id))
    .join('\n');
}

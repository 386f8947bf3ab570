/**
 * Throughput of the pure core against a peer, in one run: the same model (parallel split into two user tasks,
 * joined, then done) executed N times by our ProcessExecutor and by bpmn-engine (paed01), both in memory and both
 * from a model parsed once, and ours
 * once more with the state passed through JSON after every command, as the durable runtime will store it.
 *
 *   npx tsx bench/core-throughput.ts [instances]
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import { compileBpmn, ProcessExecutor, type ProcessInstanceState } from '#bpmn';

const INSTANCES = Number(process.argv[2] ?? 2000);

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench" targetNamespace="http://bench">
  <bpmn:process id="review" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:userTask id="legal" />
    <bpmn:userTask id="finance" />
    <bpmn:parallelGateway id="join" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="legal" />
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="finance" />
    <bpmn:sequenceFlow id="f4" sourceRef="legal" targetRef="join" />
    <bpmn:sequenceFlow id="f5" sourceRef="finance" targetRef="join" />
    <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

async function ours(roundTripState: boolean): Promise<number> {
  const { model } = await compileBpmn(xml);
  if (!model) throw new Error('the bench model does not validate');
  const executor = new ProcessExecutor(model.processes[0], { now: () => new Date('2026-01-01T00:00:00Z') });
  const store = (state: ProcessInstanceState) =>
    roundTripState ? (JSON.parse(JSON.stringify(state)) as ProcessInstanceState) : state;
  const started = performance.now();
  for (let index = 0; index < INSTANCES; index += 1) {
    let state = store(executor.execute(null, { type: 'start', instanceId: `pi-${index}` }).state);
    for (const wait of Object.values(state.waits)) {
      state = store(executor.execute(state, { type: 'trigger', waitKey: wait.key }).state);
    }
    if (state.status !== 'completed') throw new Error(`instance ended ${state.status}`);
  }
  return performance.now() - started;
}

async function peer(): Promise<number> {
  // Parsed once, as ours is: bpmn-engine takes the moddle context instead of the XML.
  const moddleContext = await new BpmnModdle().fromXML(xml);
  const started = performance.now();
  for (let index = 0; index < INSTANCES; index += 1) {
    const listener = new EventEmitter();
    listener.on('wait', (api: { signal(): void }) => api.signal());
    const engine = new Engine({ name: `pi-${index}`, moddleContext });
    const ended = new Promise((resolve) => engine.once('end', resolve));
    await engine.execute({ listener });
    await ended;
  }
  return performance.now() - started;
}

const rows: Array<[string, number]> = [];
await ours(false); // warm-up
rows.push(['ProcessExecutor, in memory', await ours(false)]);
rows.push(['ProcessExecutor, state through JSON per command', await ours(true)]);
await peer(); // warm-up
rows.push(['bpmn-engine 25 (peer), in memory', await peer()]);

console.log(`${INSTANCES} instances: start, complete two parallel user tasks, join, end`);
console.log(
  'engine'.padEnd(50),
  'total ms'.padStart(10),
  'instances/s'.padStart(12),
  'µs/instance'.padStart(12),
);
for (const [name, ms] of rows) {
  console.log(
    name.padEnd(50),
    ms.toFixed(0).padStart(10),
    ((INSTANCES / ms) * 1000).toFixed(0).padStart(12),
    ((ms * 1000) / INSTANCES).toFixed(0).padStart(12),
  );
}

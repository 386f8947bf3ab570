import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { createStoreDataSource, IN_MEMORY_DATA_DIR, runMigrations } from '#store';
import { DeploymentService } from '../../apps/designer-api/src/deployments/deployment.service.js';
import {
  DefinitionCatalog,
  type RuntimeDefinition,
} from '../../apps/engine/src/runtime/definition-catalog.js';
import { EffectProjector } from '../../apps/engine/src/runtime/effect-projector.js';
import { HistoryWriter } from '../../apps/engine/src/runtime/history-writer.js';
import { InstanceCommands } from '../../apps/engine/src/runtime/instance-commands.js';
import { playScenario, type Scenario } from '../support/scenario.js';

/**
 * The embedded mode (PGlite, no Redis) runs the scenario suite too: every scenario is played in memory, and the
 * commands it gave — with the times they ran at — are replayed through the durable runtime's transactions on an
 * embedded PostgreSQL. Every instance must end in the same state, stored and read back as JSONB. Jobs are not run
 * here (the recorded commands already fire timers, complete jobs, deliver messages), so the replay is exact.
 */
const folder = new URL('../bpmn/scenarios/', import.meta.url);
const groups: Array<[string, Scenario[]]> = [];
for (const file of (await readdir(folder)).filter((name) => name.endsWith('.scenarios.ts')).sort()) {
  const exported = (await import(new URL(file, folder).href)) as Record<string, unknown>;
  for (const value of Object.values(exported)) {
    if (Array.isArray(value)) groups.push([file.replace('.scenarios.ts', ''), value as Scenario[]]);
  }
}

let dataSource: DataSource;
let replayNow = new Date();

beforeAll(async () => {
  dataSource = createStoreDataSource({ dataDir: IN_MEMORY_DATA_DIR });
  await dataSource.initialize();
  await runMigrations(dataSource);
}, 60_000);

afterAll(async () => {
  await dataSource?.destroy();
});

const RUNTIME_TABLES = [
  'history_operations',
  'history_incidents',
  'history_variable_updates',
  'history_activity_instances',
  'history_process_instances',
  'incidents',
  'user_tasks',
  'event_subscriptions',
  'jobs',
  'variables',
  'process_instances',
  'decision_definitions',
  'process_definitions',
  'deployment_resources',
  'deployments',
];

async function replay(scenario: Scenario): Promise<void> {
  const harness = await playScenario(scenario, false);
  await dataSource.query(`TRUNCATE ${RUNTIME_TABLES.join(', ')} CASCADE`);
  const deployments = new DeploymentService(dataSource);
  for (const [index, dmn] of (scenario.dmn ?? []).entries()) {
    await deployments.deploy({
      tenantId: '',
      name: `decisions-${index}`,
      files: [{ name: `d${index}.dmn`, content: Buffer.from(dmn) }],
    });
  }
  const deployed = await deployments.deploy({
    tenantId: '',
    name: 'scenario',
    files: [{ name: 'scenario.bpmn', content: Buffer.from(scenario.xml) }],
  });
  const catalog = new DefinitionCatalog();
  const definitions = new Map<string, RuntimeDefinition>();
  for (const definition of deployed.processDefinitions) {
    definitions.set(
      definition.key,
      (await catalog.byIdOf(dataSource.manager, '', definition.id)) as RuntimeDefinition,
    );
  }
  const commands = new InstanceCommands(
    dataSource,
    catalog,
    new EffectProjector(() => false),
    new HistoryWriter(),
    { dispatch: () => undefined },
    () => replayNow,
    undefined,
    scenario.maxSteps,
  );
  for (const entry of harness.commandLog) {
    replayNow = new Date(entry.at);
    const { command } = entry;
    if (command.type === 'start') {
      await commands.start({
        tenantId: '',
        definition: definitions.get(entry.processId) as RuntimeDefinition,
        instanceId: command.instanceId,
        ...(command.variables ? { variables: command.variables } : {}),
        ...(command.businessKey !== undefined ? { businessKey: command.businessKey } : {}),
        ...(command.startEventId ? { startEventId: command.startEventId } : {}),
        ...(command.firedDefinition !== undefined ? { firedDefinition: command.firedDefinition } : {}),
      });
    } else {
      await commands.run('', entry.instanceId, command);
    }
  }
  for (const [instanceId, expected] of harness.instances) {
    const [row] = (await dataSource.query(`SELECT state, status FROM process_instances WHERE id = $1`, [
      instanceId,
    ])) as Array<{
      state: unknown;
      status: string;
    }>;
    expect({ instanceId, status: row?.status, state: row?.state }).toEqual({
      instanceId,
      status: expected.status,
      state: JSON.parse(JSON.stringify(expected)),
    });
  }
}

describe('the scenario suite, replayed through the durable runtime on the embedded PostgreSQL', () => {
  it('finds the scenario groups', () => {
    expect(groups.reduce((count, [, scenarios]) => count + scenarios.length, 0)).toBeGreaterThan(100);
  });

  for (const [group, scenarios] of groups) {
    for (const scenario of scenarios) {
      it(`${group}: ${scenario.name}`, () => replay(scenario), 30_000);
    }
  }
});

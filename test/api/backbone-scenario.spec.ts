import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../lora/lora-org-seed.js';
import { kombitScenarioSetup } from './backbone-scenario-kombit.js';
import { loraScenarioSetup } from './backbone-scenario-lora.js';
import type { BackboneScenarioSetup, SeededBackbone } from './backbone-scenario-setup.js';
import {
  deployLikeModeler,
  startByKey,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';
import { activitiesOf, until, variablesOf } from './process-observations.js';

/**
 * examples/backbone-scenario.bpmn end to end through the running engine, once per backbone, with the same model:
 * the unit responsible for KLE 27.24.00 and its manager are looked up, the manager approves, the case is created
 * and indexed (primaerklasse, handlingsfacet G01, ansvarlig, primaerpart) and the application journalised on it.
 * The tenant configures its backbone once, under `backbone`; each setup provides those settings, the seeded data
 * and how to read the indexed case back.
 */
const SETUPS: BackboneScenarioSetup[] = [loraScenarioSetup(), kombitScenarioSetup()];

describe.each(SETUPS.map((setup) => [setup.name, setup] as const))(
  'examples/backbone-scenario.bpmn on the %s backbone',
  (_name, setup) => {
    let apps: TestApps;
    let engine: Http;
    let seeded: SeededBackbone;
    let directory: string;

    beforeAll(async () => {
      // The engine's URL is in the tenant's settings (the LoRA backbone is its own /lora), so its port comes first.
      const port = await freePort();
      const settings = await setup.start(`http://127.0.0.1:${port}`);
      directory = mkdtempSync(join(tmpdir(), `kf-backbone-${setup.name}-`));
      const settingsFile = join(directory, 'connector-settings.json');
      writeFileSync(settingsFile, JSON.stringify({ '': { backbone: settings } }));
      apps = await startTestApps({
        ENGINE_PORT: String(port),
        RECONCILE_INTERVAL_MS: '200',
        CONNECTOR_SETTINGS_FILE: settingsFile,
      });
      engine = apps.engine;
      seeded = await setup.seed();
    }, 60_000);

    afterAll(async () => {
      await apps?.stop();
      await setup.stop();
      if (directory) rmSync(directory, { recursive: true, force: true });
    }, 30_000);

    it('routes the case to the responsible unit’s manager, then indexes it and journalises the application', async () => {
      const xml = readFileSync(new URL('../../examples/backbone-scenario.bpmn', import.meta.url), 'utf8');
      const deployed = await deployLikeModeler(apps.designer, 'backbone-scenario.bpmn', xml);
      expect(deployed.status).toBe(200);
      expect(deployed.body.details).toEqual({ 'backbone-scenario.bpmn': { errors: [], warnings: [] } });

      // Given an application about KLE 27.24.00
      const instanceId = await startByKey(engine, 'backbone-scenario', {
        businessKey: 'byggesag-7',
        variables: {
          kleNumber: { value: '27.24.00', type: 'String' },
          sagstitel: { value: 'Byggetilladelse, Vestergade 12', type: 'String' },
          primaerpart: { value: 'urn:oio:cvr-nr:12345678', type: 'String' },
          dokumenttitel: { value: 'Ansøgning om byggetilladelse', type: 'String' },
        },
      });

      // Then the approval waits for the manager of the unit responsible for it
      const task = await until('the approval task', async () => {
        const response = await engine.get(`/engine-rest/task?processInstanceId=${instanceId}`);
        return (response.body as Array<Record<string, unknown>>)[0];
      });
      expect(task).toMatchObject({ taskDefinitionKey: 'approveCase', assignee: seeded.managerUserId });
      expect(await variablesOf(engine, instanceId)).toMatchObject({
        kle: { uuid: seeded.kleUuid, brugervendtnoegle: '27.24.00' },
        unit: { uuid: seeded.unitUuid, enhedsnavn: seeded.unitName },
        manager: { uuid: seeded.managerUuid, brugervendtnoegle: seeded.managerUserId },
      });

      // When the manager approves
      const completed = await engine.post(`/engine-rest/task/${String(task['id'])}/complete`).send({});
      expect(completed.status).toBe(204);

      // Then the case is indexed in the backbone and the application journalised on it
      await untilHistoricState(engine, instanceId, 'COMPLETED', { timeoutMs: 20_000 });
      expect(await activitiesOf(engine, instanceId)).toEqual([
        'applicationReceived',
        'findResponsibleUnit',
        'approveCase',
        'findHandlingsfacet',
        'createCase',
        'journaliseApplication',
        'caseIndexed',
      ]);
      const variables = await variablesOf(engine, instanceId);
      expect(variables['sag']).toMatchObject({ uuid: expect.any(String), created: true });
      const sag = variables['sag'] as { uuid: string };
      const journalised = variables['dokument'] as { uuid: string };
      expect(await setup.indexedCase(sag.uuid)).toEqual({
        titel: 'Byggetilladelse, Vestergade 12',
        primaerklasse: seeded.kleUuid,
        handlingsfacet: seeded.handlingsfacetUuid,
        ansvarlig: seeded.unitUuid,
        primaerpart: 'urn:oio:cvr-nr:12345678',
        documents: [{ uuid: journalised.uuid, titel: 'Ansøgning om byggetilladelse' }],
      });
    }, 40_000);
  },
);

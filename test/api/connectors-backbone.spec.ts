import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBackboneConnectors,
  createBackboneCreateSagConnector,
  createBackboneJournaliseConnector,
  createBackboneKlasseConnector,
  createBackboneOrgUnitConnector,
  createBackbonePersonEngagementsConnector,
  createBackboneResponsibleUnitConnector,
  type AnyConnector,
} from '#adapters';
import { LoraClient } from '#lora';
// The conformance suite is test support and deliberately not part of #adapters' entry.
// eslint-disable-next-line no-restricted-imports
import { connectorConformanceChecks } from '../../libs/adapters/src/conformance/connector-conformance.js';
import { freePort, seedOrganisation, type SeededOrganisation } from '../lora/lora-org-seed.js';
import {
  deployLikeModeler,
  startByKey,
  startTestApps,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';
import { activitiesOf, variablesOf } from './process-observations.js';

/**
 * The backbone connectors on a LoRA backbone, through the running engine: the tenant configures its backbone once
 * (`backbone`: the engine's own LoRA, `/lora`, over HTTP as any remote LoRA), and `examples/kle-routing.bpmn` finds
 * the unit responsible for KLE 27.24.00 and its manager, creates the case and stops at the review, assigned to the
 * manager — under the connectors' ids and under their former `lora-*` ids. Each connector also passes the
 * conformance suite against the same LoRA.
 */

let apps: TestApps;
let engine: Http;
let lora: LoraClient;
let seeded: SeededOrganisation;
let baseUrl: string;
let directory: string;

beforeAll(async () => {
  // The connectors' settings name the engine's own LoRA, so its port is chosen before it starts.
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}/lora`;
  directory = mkdtempSync(join(tmpdir(), 'kf-backbone-e2e-'));
  const settingsFile = join(directory, 'connector-settings.json');
  writeFileSync(settingsFile, JSON.stringify({ '': { backbone: { kind: 'lora', baseUrl } } }));
  apps = await startTestApps({
    ENGINE_PORT: String(port),
    RECONCILE_INTERVAL_MS: '200',
    CONNECTOR_SETTINGS_FILE: settingsFile,
  });
  engine = apps.engine;
  lora = new LoraClient({ baseUrl });
  seeded = await seedOrganisation(lora);
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
}, 30_000);

describe('examples/kle-routing.bpmn through the engine', () => {
  const kleRouting = readFileSync(new URL('../../examples/kle-routing.bpmn', import.meta.url), 'utf8');
  /** The same model as it was drawn before the backbone: the former lora-* ids, under another process key. */
  const kleRoutingOnLegacyIds = kleRouting
    .replaceAll('connector:backbone-', 'connector:lora-')
    .replaceAll('"kle-routing"', '"kle-routing-legacy"');

  it.each([
    ['backbone-* ids', 'kle-routing', kleRouting],
    ['former lora-* ids', 'kle-routing-legacy', kleRoutingOnLegacyIds],
  ])(
    'with the %s: finds the manager of the unit responsible for 27.24.00, creates the case and assigns the review to the manager',
    async (_ids, key, xml) => {
      const file = `${key}.bpmn`;
      const deployed = await deployLikeModeler(apps.designer, file, xml);
      expect(deployed.status).toBe(200);
      expect(deployed.body.details).toEqual({ [file]: { errors: [], warnings: [] } });
      const instanceId = await startByKey(engine, key, {
        businessKey: 'byggesag-1',
        variables: {
          sagstitel: { value: 'Byggetilladelse, Vestergade 12', type: 'String' },
          primaerpart: { value: 'urn:oio:cvr-nr:12345678', type: 'String' },
        },
      });
      const task = await untilTask(instanceId);
      expect(task).toMatchObject({ taskDefinitionKey: 'reviewCase', assignee: 'anders' });
      expect(await activitiesOf(engine, instanceId)).toEqual([
        'applicationReceived',
        'findResponsibleUnit',
        'createCase',
        'reviewCase',
      ]);
      const variables = await variablesOf(engine, instanceId);
      expect(variables).toMatchObject({
        kle: { uuid: seeded.kle272400, brugervendtnoegle: '27.24.00' },
        unit: { uuid: seeded.byggeri, enhedsnavn: 'Byggeri' },
        manager: { uuid: seeded.anders, brugervendtnoegle: 'anders' },
        sag: { uuid: expect.any(String), created: true },
      });
      const sagUuid = (variables['sag'] as { uuid: string }).uuid;
      const sag = await lora.sag.read(sagUuid, 'now');
      expect(sag.registreringer[0]?.relationer).toMatchObject({
        primaerklasse: [{ uuid: seeded.kle272400 }],
        ansvarlig: [{ uuid: seeded.byggeri }],
        primaerpart: [{ urn: 'urn:oio:cvr-nr:12345678' }],
      });
      expect(sag.registreringer[0]?.attributter?.['sagegenskaber']?.[0]).toMatchObject({
        titel: 'Byggetilladelse, Vestergade 12',
      });
    },
    30_000,
  );
});

async function untilTask(instanceId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await engine.get(`/engine-rest/task?processInstanceId=${instanceId}`);
    if (response.status === 200 && response.body.length > 0) return response.body[0];
    if (Date.now() > deadline) {
      const incidents = await engine.get(`/engine-rest/incident?processInstanceId=${instanceId}`);
      throw new Error(`No task for ${instanceId}; incidents ${JSON.stringify(incidents.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const UNKNOWN = '00000000-0000-4000-8000-00000000abcd';
const fast = { http: { retryBaseMs: 1, retryMaxMs: 5 } };

/** The conformance suite per connector, with samples against the seeded LoRA (resolved when the checks run). */
const conformance: Array<
  [string, () => AnyConnector, () => Parameters<typeof connectorConformanceChecks>[1]]
> = [
  [
    'backbone-org-unit',
    () => createBackboneOrgUnitConnector(fast) as AnyConnector,
    () => ({
      valid: [
        { name: 'a unit with a manager', input: { unitUuid: seeded.byggeri } },
        { name: 'a unit that inherits one', input: { unitUuid: seeded.byggesag } },
      ],
      invalid: [{ name: 'no uuid', input: { unitUuid: 'byggeri' }, paths: ['$.unitUuid'] }],
      failures: [
        {
          name: 'unknown, mapped',
          input: { unitUuid: UNKNOWN, notFoundErrorCode: 'NO_UNIT' },
          expect: { bpmnErrorCode: 'NO_UNIT' },
        },
        { name: 'unknown', input: { unitUuid: UNKNOWN }, expect: 'permanent' },
      ],
    }),
  ],
  [
    'backbone-responsible-unit',
    () => createBackboneResponsibleUnitConnector(fast) as AnyConnector,
    () => ({
      valid: [
        { name: 'ansvarlig', input: { kleNumber: '27.24.00' } },
        { name: 'udfoerende', input: { kleNumber: '27.24.00', role: 'udfoerende' } },
      ],
      invalid: [
        {
          name: 'not a KLE number',
          input: { kleNumber: '27-24', role: 'leder' },
          paths: ['$.kleNumber', '$.role'],
        },
      ],
      failures: [
        {
          name: 'nobody, mapped',
          input: { kleNumber: '01.02.03', notFoundErrorCode: 'NO_UNIT' },
          expect: { bpmnErrorCode: 'NO_UNIT' },
        },
      ],
    }),
  ],
  [
    'backbone-klasse',
    () => createBackboneKlasseConnector(fast) as AnyConnector,
    () => ({
      valid: [
        { name: 'in a facet', input: { brugervendtnoegle: '27.24.00', facet: 'kle_number' } },
        { name: 'by KLE number', input: { kleNumber: '27.24' } },
      ],
      invalid: [
        {
          name: 'not a KLE number',
          input: { kleNumber: '27-24', facet: 7 },
          paths: ['$.kleNumber', '$.facet'],
        },
      ],
      failures: [
        { name: 'two of them', input: { brugervendtnoegle: '27.24.00' }, expect: 'permanent' },
        { name: 'neither key', input: {}, expect: 'permanent' },
        {
          name: 'none, mapped',
          input: { brugervendtnoegle: '99.99.99', notFoundErrorCode: 'NO_KLASSE' },
          expect: { bpmnErrorCode: 'NO_KLASSE' },
        },
      ],
    }),
  ],
  [
    'backbone-create-sag',
    () => createBackboneCreateSagConnector(fast) as AnyConnector,
    () => ({
      valid: [
        {
          name: 'a case',
          input: {
            titel: 'Konformitet',
            primaerklasse: seeded.kle272400,
            ansvarlig: seeded.byggeri,
            primaerpart: seeded.anders,
          },
        },
      ],
      invalid: [
        {
          name: 'a party that is neither uuid nor urn',
          input: { titel: '', primaerklasse: 'x', ansvarlig: seeded.byggeri, primaerpart: '0101901234' },
          paths: ['$.titel', '$.primaerklasse', '$.primaerpart'],
        },
      ],
    }),
  ],
  [
    'backbone-journalise',
    () => createBackboneJournaliseConnector(fast) as AnyConnector,
    () => ({
      valid: [
        {
          name: 'a document with its file',
          input: {
            sagUuid: sagForJournalising,
            titel: 'Ansøgning',
            file: { filename: 'a.txt', mimetype: 'text/plain', content: 'aGVq', encoding: 'base64' },
          },
        },
      ],
      invalid: [{ name: 'no sag', input: { titel: 'x' }, paths: ['$.sagUuid'] }],
      failures: [
        {
          name: 'unknown sag, mapped',
          input: { sagUuid: UNKNOWN, titel: 'x', notFoundErrorCode: 'NO_SAG' },
          expect: { bpmnErrorCode: 'NO_SAG' },
        },
      ],
    }),
  ],
  [
    'backbone-person-engagements',
    () => createBackbonePersonEngagementsConnector(fast) as AnyConnector,
    () => ({
      valid: [
        { name: 'a person with no engagement', input: { personUuid: seeded.mette } },
        { name: 'an unknown person', input: { personUuid: UNKNOWN } },
      ],
      invalid: [{ name: 'no uuid', input: { personUuid: 'mette' }, paths: ['$.personUuid'] }],
    }),
  ],
];

let sagForJournalising = '';

describe('the backbone connectors pass the conformance suite against the engine’s LoRA', () => {
  beforeAll(async () => {
    sagForJournalising = (
      await lora.createSag({
        titel: 'Sag til journalisering',
        primaerklasse: seeded.kle272400,
        ansvarlig: seeded.byggeri,
        primaerpart: seeded.anders,
        sagsnummer: 'J-1',
        virkningFra: new Date(),
      })
    ).uuid;
  });

  for (const [id, factory, samples] of conformance) {
    it(`connector:${id}`, async () => {
      const checks = connectorConformanceChecks(factory, {
        ...samples(),
        tenant: { id: '', settings: { baseUrl } },
      });
      for (const check of checks) {
        if ('run' in check) await check.run();
      }
      expect(checks.filter((check) => 'run' in check).length).toBeGreaterThanOrEqual(5);
    }, 30_000);
  }

  it('a retried create-sag job writes the same case; journalise (under either id) adds one journalpost', async () => {
    const { runConnector, ConnectorRegistry } = await import('#adapters');
    const registry = new ConnectorRegistry(createBackboneConnectors(fast));
    const { connectorTestContext } =
      await import('../../libs/adapters/src/conformance/connector-conformance.js');
    const context = (connectorId: string) =>
      connectorTestContext({
        connectorId,
        tenantId: '',
        settings: { kind: 'lora', baseUrl },
        idempotencyKey: 'instance-9.2',
      });
    const input = {
      titel: 'Gentaget',
      primaerklasse: seeded.kle272400,
      ansvarlig: seeded.byggeri,
      primaerpart: seeded.anders,
    };
    const first = await runConnector(registry, 'backbone-create-sag', input, context('backbone'));
    const again = await runConnector(registry, 'backbone-create-sag', input, context('backbone'));
    expect(first).toMatchObject({ status: 'completed', output: { sag: { created: true } } });
    expect(again).toMatchObject({ status: 'completed', output: { sag: { created: false } } });
    const sagUuid = (first as { output: { sag: { uuid: string } } }).output.sag.uuid;
    expect((again as { output: { sag: { uuid: string } } }).output.sag.uuid).toBe(sagUuid);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const journalised = await runConnector(
        registry,
        attempt === 0 ? 'backbone-journalise' : 'lora-journalise',
        { sagUuid, titel: 'Brev' },
        context('backbone'),
      );
      expect(journalised).toMatchObject({
        status: 'completed',
        output: { dokument: { journalised: attempt === 0 } },
      });
    }
    const posts = (await lora.sag.read(sagUuid, 'now')).registreringer[0]?.relationer?.['journalpost'] ?? [];
    expect(posts).toHaveLength(1);
  });
});

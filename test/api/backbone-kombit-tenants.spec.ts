import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KOMBIT_SDI_ENTITY_ID,
  startKombitStoettesystemer,
  type KombitMunicipality,
  type KombitStoettesystemer,
  type SeededMunicipality,
} from '../support/kombit/kombit-stoettesystemer.js';
import {
  deployLikeModeler,
  startByKey,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';
import { until, variablesOf } from './process-observations.js';

/**
 * examples/backbone-scenario.bpmn through the running engine for two municipalities on KOMBIT's støttesystemer,
 * each with its own function certificate and CVR: each one's lookups, tokens and SDI entries are its own (the fakes
 * record whom each token was issued to and who called), a token is reused across a run's calls, and it is renewed
 * once a service answers that it has expired.
 */

const AARHUS = { tenant: 'aarhus', cvr: '55133018', certificate: 'client', manager: 'anders' } as const;
const VEJLE = { tenant: 'vejle', cvr: '29189838', certificate: 'stranger', manager: 'birgit' } as const;
type Municipality = KombitMunicipality & { readonly tenant: string; readonly manager: string };

/** The certificate's subject CN, as the fakes record who called. */
const CERTIFICATE_NAME = { client: 'kf-test-function-certificate', stranger: 'kf-stranger' } as const;

let kombit: KombitStoettesystemer;
let apps: TestApps;
let engine: Http;
let directory: string;
const seeded = new Map<string, SeededMunicipality>();

beforeAll(async () => {
  kombit = await startKombitStoettesystemer();
  directory = mkdtempSync(join(tmpdir(), 'kf-kombit-tenants-'));
  const settingsFile = join(directory, 'connector-settings.json');
  // Klasser are not cached here (cacheTtlMs 0), so every run calls Klassifikation with its token too.
  const settingsOf = (municipality: Municipality) =>
    kombit.settingsFor(municipality, { klassifikation: { cacheTtlMs: 0 } });
  writeFileSync(
    settingsFile,
    JSON.stringify({
      [AARHUS.tenant]: { backbone: settingsOf(AARHUS) },
      [VEJLE.tenant]: { backbone: settingsOf(VEJLE) },
    }),
  );
  for (const municipality of [AARHUS, VEJLE]) {
    seeded.set(municipality.tenant, kombit.seedMunicipality(municipality.cvr, municipality.manager));
  }
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200', CONNECTOR_SETTINGS_FILE: settingsFile });
  engine = apps.engine;
  const xml = readFileSync(new URL('../../examples/backbone-scenario.bpmn', import.meta.url), 'utf8');
  for (const { tenant } of [AARHUS, VEJLE]) {
    const deployed = await deployLikeModeler(apps.designer, 'backbone-scenario.bpmn', xml, {
      tenantId: tenant,
    });
    expect(deployed.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  await kombit?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
}, 30_000);

/** One run of the scenario for the municipality: started, approved by the assignee, completed. */
async function runScenario(municipality: Municipality, sagstitel: string) {
  const instanceId = await startByKey(
    engine,
    'backbone-scenario',
    {
      variables: {
        kleNumber: { value: '27.24.00', type: 'String' },
        sagstitel: { value: sagstitel, type: 'String' },
        primaerpart: { value: 'urn:oio:cvr-nr:12345678', type: 'String' },
        dokumenttitel: { value: 'Ansøgning om byggetilladelse', type: 'String' },
      },
    },
    municipality.tenant,
  );
  const task = await until('the approval task', async () => {
    const response = await engine.get(
      `/engine-rest/task?processInstanceId=${instanceId}&tenantIdIn=${municipality.tenant}`,
    );
    return (response.body as Array<{ id: string; assignee: string }>)[0];
  });
  const completed = await engine
    .post(`/engine-rest/task/${task.id}/complete?tenantIdIn=${municipality.tenant}`)
    .send({});
  expect(completed.status).toBe(204);
  await untilHistoricState(engine, instanceId, 'COMPLETED', {
    tenantIdIn: municipality.tenant,
    timeoutMs: 20_000,
  });
  const variables = await variablesOf(engine, instanceId, municipality.tenant);
  return {
    assignee: task.assignee,
    sagUuid: (variables['sag'] as { uuid: string }).uuid,
    dokumentUuid: (variables['dokument'] as { uuid: string }).uuid,
  };
}

/** How many tokens each STS issued for the municipality, by service (Organisation REST, the others SOAP). */
function issuedTo(municipality: Municipality) {
  const rest = kombit.sts.issued.filter((grant) => grant.cvr === municipality.cvr);
  const soap = kombit.stsSoap.issued.filter((issue) => issue.cvr === municipality.cvr);
  return {
    organisation: rest.filter((grant) => grant.appliesTo === kombit.organisation.entityId).length,
    klassifikation: soap.filter((issue) => issue.appliesTo === kombit.klassifikation.entityId).length,
    sdi: soap.filter((issue) => issue.appliesTo === KOMBIT_SDI_ENTITY_ID).length,
  };
}

const sdiCallsOf = (municipality: Municipality) =>
  kombit.sdi.calls.filter((call) => call.cvr === municipality.cvr);

describe('two municipalities on the KOMBIT backbone, through the running engine', () => {
  it('runs the scenario for both at once, each with its own certificate, CVR, tokens, organisation and index', async () => {
    const [aarhus, vejle] = await Promise.all([
      runScenario(AARHUS, 'Byggetilladelse, Aarhus'),
      runScenario(VEJLE, 'Byggetilladelse, Vejle'),
    ]);

    // Each approval went to the manager in its own municipality's organisation.
    expect([aarhus.assignee, vejle.assignee]).toEqual(['anders', 'birgit']);
    // Each case is indexed in its own municipality's SDI, and only there.
    for (const [municipality, run, other] of [
      [AARHUS, aarhus, VEJLE],
      [VEJLE, vejle, AARHUS],
    ] as const) {
      expect(kombit.indexedCase(municipality.cvr, run.sagUuid)).toEqual({
        titel: `Byggetilladelse, ${municipality === AARHUS ? 'Aarhus' : 'Vejle'}`,
        primaerklasse: kombit.kle.emne,
        handlingsfacet: kombit.kle.g01,
        ansvarlig: seeded.get(municipality.tenant)!.unitUuid,
        primaerpart: 'urn:oio:cvr-nr:12345678',
        documents: [{ uuid: run.dokumentUuid, titel: 'Ansøgning om byggetilladelse' }],
      });
      expect(kombit.indexedCase(other.cvr, run.sagUuid)).toBeUndefined();
    }

    // Every token was issued for a municipality's CVR to that municipality's own certificate…
    const holders = new Set([
      ...kombit.sts.issued.map((grant) => `${grant.cvr} ${grant.certificate}`),
      ...kombit.stsSoap.issued.map((issue) => `${issue.cvr} ${issue.certificate}`),
    ]);
    expect([...holders].sort()).toEqual(
      [`${AARHUS.cvr} ${CERTIFICATE_NAME.client}`, `${VEJLE.cvr} ${CERTIFICATE_NAME.stranger}`].sort(),
    );
    // …and every service was called with the caller's own token: Organisation checks that the token's certificate
    // is the TLS client's; Klassifikation and SDI that the holder-of-key certificate, which signed the call, is.
    for (const calls of [kombit.organisation.calls, kombit.klassifikation.calls]) {
      for (const call of calls) {
        const municipality = call.cvr === AARHUS.cvr ? AARHUS : VEJLE;
        expect(call.certificate).toBe(CERTIFICATE_NAME[municipality.certificate]);
      }
    }
    expect(kombit.organisation.refusedTokens).toEqual([]);
    expect(kombit.klassifikation.refusedTokens).toEqual([]);
    const assertionsOf = (municipality: Municipality) =>
      new Set(sdiCallsOf(municipality).map((call) => call.assertionId));
    expect([...assertionsOf(AARHUS)].filter((id) => assertionsOf(VEJLE).has(id))).toEqual([]);
    expect(kombit.sdi.calls.every((call) => call.outcome === 'ok')).toBe(true);
  }, 60_000);

  it('asks the STS once per service for all of a run’s calls, and again only when a service says it expired', async () => {
    // One token per service served the whole first run: several calls to each service.
    expect(issuedTo(AARHUS)).toEqual({ organisation: 1, klassifikation: 1, sdi: 1 });
    expect(kombit.organisation.calls.filter((call) => call.cvr === AARHUS.cvr).length).toBeGreaterThan(1);
    expect(kombit.klassifikation.calls.filter((call) => call.cvr === AARHUS.cvr).length).toBeGreaterThan(1);
    expect(sdiCallsOf(AARHUS).length).toBeGreaterThan(1);

    // A second run reuses the cached tokens.
    await runScenario(AARHUS, 'Byggetilladelse, Aarhus, igen');
    expect(issuedTo(AARHUS)).toEqual({ organisation: 1, klassifikation: 1, sdi: 1 });

    // Then the tokens expire at the services (the engine's cache still holds them): each service refuses the
    // token once, the engine takes a fresh one, and the run completes.
    kombit.sts.clock += 2 * 60 * 60_000;
    kombit.klassifikation.expireIssuedTokens();
    kombit.sdi.expireNextToken();
    const sdiCallsBefore = sdiCallsOf(AARHUS).length;
    await runScenario(AARHUS, 'Byggetilladelse, Aarhus, udløbet');
    expect(issuedTo(AARHUS)).toEqual({ organisation: 2, klassifikation: 2, sdi: 2 });
    expect(kombit.organisation.refusedTokens).toEqual(['token expired']);
    expect(kombit.klassifikation.refusedTokens).toEqual([expect.stringMatching(/expired/)]);
    const renewed = sdiCallsOf(AARHUS).slice(sdiCallsBefore);
    expect(renewed.map((call) => call.outcome)).toEqual(['expired', 'ok', 'ok', 'ok', 'ok']);
    expect(renewed[1]!.assertionId).not.toBe(renewed[0]!.assertionId);
    // Vejle's tokens were neither used nor renewed for Aarhus.
    expect(issuedTo(VEJLE)).toEqual({ organisation: 1, klassifikation: 1, sdi: 1 });
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.js';
import { apiKeysSetting, startTestApps, type TestApiKey, type TestApps } from '../api/camunda-rest-client.js';
import { loraFixture } from './lora-comparison.js';

const key = (name: string, tenant: string, roles: TestApiKey['roles']): TestApiKey => ({
  name,
  tenant,
  roles,
  key: `kf_${name}-secret-key`,
});
const AARHUS = key('aarhus-portal', 'aarhus', ['process-starter']);
const ODENSE = key('odense-portal', 'odense', ['process-starter']);
const AARHUS_MONITOR = key('aarhus-monitor', 'aarhus', ['monitoring']);
const bearer = (apiKey: TestApiKey) => ({ authorization: `Bearer ${apiKey.key}` });

describe('LoRA: authentication and tenants', () => {
  let apps: TestApps;
  beforeAll(async () => {
    apps = await startTestApps({ AUTH: 'on', API_KEYS: apiKeysSetting([AARHUS, ODENSE, AARHUS_MONITOR]) });
  }, 60_000);
  afterAll(() => apps?.stop(), 30_000);

  it("keeps each tenant's objects to itself, records the writer as brugerref, and answers refusals in LoRA's body", async () => {
    const created = await apps.engine
      .post('/lora/klassifikation/facet')
      .set(bearer(AARHUS))
      .send(loraFixture('facet_opret.json'));
    expect(created.status).toBe(201);
    const uuid = (created.body as { uuid: string }).uuid;

    const own = await apps.engine.get(`/lora/klassifikation/facet/${uuid}`).set(bearer(AARHUS));
    expect(own.status).toBe(200);
    expect(
      (own.body as Record<string, Array<{ registreringer: Array<{ brugerref: string }> }>>)[uuid][0]
        .registreringer[0].brugerref,
    ).toBe('aarhus-portal');
    expect((await apps.engine.get(`/lora/klassifikation/facet/${uuid}`).set(bearer(ODENSE))).status).toBe(
      404,
    );
    const search = await apps.engine.get('/lora/klassifikation/facet?bvn=ORGFUNK').set(bearer(ODENSE));
    expect(search.body).toEqual({ results: [[]] });
    expect(
      (await apps.engine.patch(`/lora/klassifikation/facet/${uuid}`).set(bearer(ODENSE)).send({ note: 'x' }))
        .status,
    ).toBe(404);

    const anonymous = await apps.engine.get(`/lora/klassifikation/facet/${uuid}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ message: expect.any(String) });
    const wrongRole = await apps.engine.get(`/lora/klassifikation/facet/${uuid}`).set(bearer(AARHUS_MONITOR));
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body).toEqual({ message: expect.any(String) });
  });
});

describe('LoRA: configuration', () => {
  it('is on under /lora by default; LORA_ENABLED and LORA_PREFIX change that, and wrong values are named', () => {
    expect(loadEngineConfig({ AUTH: 'off' }).lora).toEqual({ enabled: true, prefix: '/lora' });
    expect(loadEngineConfig({ AUTH: 'off', LORA_ENABLED: 'false', LORA_PREFIX: '/oio/rest' }).lora).toEqual({
      enabled: false,
      prefix: '/oio/rest',
    });
    expect(() => loadEngineConfig({ AUTH: 'off', LORA_ENABLED: 'maybe', LORA_PREFIX: 'lora' })).toThrow(
      /LORA_ENABLED: expected true or false, but found 'maybe'[\s\S]*LORA_PREFIX: expected a path/,
    );
  });

  it('serves nothing under the prefix when LORA_ENABLED=false, and moves with LORA_PREFIX', async () => {
    const off = await startTestApps({ LORA_ENABLED: 'false' });
    try {
      expect((await off.engine.get('/lora/site-map')).status).toBe(404);
    } finally {
      await off.stop();
    }
    const moved = await startTestApps({ LORA_PREFIX: '/oio' });
    try {
      const siteMap = await moved.engine.get('/oio/site-map');
      expect(siteMap.status).toBe(200);
      expect((siteMap.body as { 'site-map': string[] })['site-map']).toContain('/oio/sag/sag');
    } finally {
      await moved.stop();
    }
  }, 60_000);
});

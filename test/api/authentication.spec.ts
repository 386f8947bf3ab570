import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  apiKeysSetting,
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  type Http,
  type TestApiKey,
  type TestApps,
} from './camunda-rest-client.js';

/**
 * Who may call the APIs, and what each caller sees: API keys (bearer or HTTP Basic password), OIDC tokens checked
 * against a JWKS served on loopback, roles, and tenants — on both apps as `npm start` runs them.
 */
const AARHUS = '0751';
const ODENSE = '0461';
const key = (name: string, tenant: string | null, roles: TestApiKey['roles']): TestApiKey => ({
  name,
  tenant,
  roles,
  key: `kf_${name}-secret-key`,
});
const AARHUS_OWNER = key('aarhus-modeler', AARHUS, ['process-owner']);
const ODENSE_OWNER = key('odense-modeler', ODENSE, ['process-owner']);
const AARHUS_PORTAL = key('aarhus-portal', AARHUS, ['process-starter']);
const ODENSE_PORTAL = key('odense-portal', ODENSE, ['process-starter']);
const AARHUS_WORKER = key('aarhus-worker', AARHUS, ['worker']);
const bearer = (apiKey: TestApiKey) => ({ authorization: `Bearer ${apiKey.key}` });

const model = bpmnDocument(
  `<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:endEvent id="end" />${chain('start', 'review', 'end')}`,
  { id: 'aktindsigt' },
);

const ISSUER = 'https://login.kommune.test/realms/flow';
const AUDIENCE = 'kommune-flow';
let jwks: Server;
let signingKey: CryptoKey;
let rogueKey: CryptoKey;

let secured: TestApps;
let engine: Http;
let designer: Http;
const instances: Record<string, string> = {};

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  rogueKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'flow-1', alg: 'RS256', use: 'sig' };
  jwks = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(request.url === '/jwks' ? { keys: [publicJwk] } : {}));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const { port } = jwks.address() as AddressInfo;
  secured = await startTestApps({
    AUTH: 'on',
    API_KEYS: apiKeysSetting([AARHUS_OWNER, ODENSE_OWNER, AARHUS_PORTAL, ODENSE_PORTAL, AARHUS_WORKER]),
    OIDC_ISSUER: ISSUER,
    OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
    OIDC_AUDIENCE: AUDIENCE,
  });
  engine = secured.engine;
  designer = secured.designer;
  for (const [owner, tenant] of [
    [AARHUS_OWNER, AARHUS],
    [ODENSE_OWNER, ODENSE],
  ] as const) {
    const deployed = await deployLikeModeler(designer, 'aktindsigt.bpmn', model, { tenantId: tenant }).set(
      bearer(owner),
    );
    expect(deployed.status).toBe(200);
  }
  for (const [portal, tenant] of [
    [AARHUS_PORTAL, AARHUS],
    [ODENSE_PORTAL, ODENSE],
  ] as const) {
    const started = await engine
      .post('/engine-rest/process-definition/key/aktindsigt/start')
      .set(bearer(portal))
      .send({ businessKey: `sag-${tenant}` });
    expect(started.status).toBe(200);
    instances[tenant] = started.body.id;
  }
}, 60_000);

afterAll(async () => {
  await secured?.stop();
  await new Promise((resolve) => jwks?.close(resolve));
}, 30_000);

describe('API keys', () => {
  it('are accepted as a bearer token and as the HTTP Basic password with any user name', async () => {
    const asBearer = await engine
      .get(`/engine-rest/history/process-instance/${instances[AARHUS]}`)
      .set(bearer(AARHUS_PORTAL));
    expect(asBearer.status).toBe(200);
    expect(asBearer.body).toMatchObject({
      id: instances[AARHUS],
      tenantId: AARHUS,
      businessKey: `sag-${AARHUS}`,
    });
    for (const user of ['aarhus-portal', 'demo', '']) {
      const asBasic = await engine
        .get(`/engine-rest/history/process-instance/${instances[AARHUS]}`)
        .auth(user, AARHUS_PORTAL.key);
      expect(asBasic.status).toBe(200);
    }
    // Camunda Modeler deploys with HTTP Basic.
    const deployed = await deployLikeModeler(designer, 'aktindsigt.bpmn', model, { tenantId: AARHUS }).auth(
      'modeler',
      AARHUS_OWNER.key,
    );
    expect(deployed.status).toBe(200);
  });

  it('answer 401 for a missing, wrong or oddly sent key, without repeating it', async () => {
    const missing = await engine.get('/engine-rest/history/process-instance');
    expect(missing.status).toBe(401);
    expectCamundaJson(missing);
    expect(missing.body).toEqual({
      type: 'AuthenticationException',
      message: expect.stringContaining('Authentication required'),
    });
    const wrongKey = 'kf_not-a-key-we-know';
    for (const attempt of [
      engine.get('/engine-rest/history/process-instance').set('authorization', `Bearer ${wrongKey}`),
      engine.get('/engine-rest/history/process-instance').auth('aarhus-portal', wrongKey),
      designer.get('/engine-rest/process-definition').set('authorization', `Bearer ${wrongKey}`),
    ]) {
      const response = await attempt;
      expect(response.status).toBe(401);
      expect(response.body.type).toBe('AuthenticationException');
      expect(response.body.message).toMatch(/is not a valid API key or OIDC token/);
      expect(JSON.stringify(response.body)).not.toContain(wrongKey);
    }
    const digest = await engine
      .get('/engine-rest/history/process-instance')
      .set('authorization', `Digest username="x", response="${wrongKey}"`);
    expect(digest.status).toBe(401);
    expect(digest.body.message).toContain("The Authorization scheme 'digest' is not supported");
    expect(JSON.stringify(digest.body)).not.toContain(wrongKey);
  });

  it('answer 403 naming the role a request needs that the key lacks', async () => {
    const response = await engine.get('/engine-rest/incident').set(bearer(AARHUS_PORTAL));
    expect(response.status).toBe(403);
    expectCamundaJson(response);
    expect(response.body).toEqual({
      type: 'AuthorizationException',
      message: "'aarhus-portal' lacks the role 'operator' this request needs",
    });
    const deploy = await deployLikeModeler(designer, 'aktindsigt.bpmn', model).set(bearer(AARHUS_WORKER));
    expect(deploy.status).toBe(403);
  });
});

describe('tenants', () => {
  it("make another tenant's instance a 404, and its rows invisible in lists", async () => {
    const other = await engine
      .get(`/engine-rest/history/process-instance/${instances[ODENSE]}`)
      .set(bearer(AARHUS_PORTAL));
    expect(other.status).toBe(404);
    expectCamundaJson(other);
    const running = await engine
      .get(`/engine-rest/process-instance/${instances[ODENSE]}`)
      .set(bearer(AARHUS_PORTAL));
    expect(running.status).toBe(404);

    const list = await engine.get('/engine-rest/history/process-instance').set(bearer(AARHUS_PORTAL));
    expect(list.status).toBe(200);
    expect(list.body.map((instance: { id: string }) => instance.id)).toEqual([instances[AARHUS]]);
    const named = await engine
      .get(`/engine-rest/history/process-instance?tenantIdIn=${ODENSE}`)
      .set(bearer(AARHUS_PORTAL));
    expect(named.status).toBe(200);
    expect(named.body).toEqual([]);
    const definitions = await designer
      .get(`/engine-rest/process-definition?tenantIdIn=${ODENSE}`)
      .set(bearer(AARHUS_OWNER));
    expect(definitions.body).toEqual([]);
  });

  it("refuse a start naming another tenant with 403, and start for the key's own tenant", async () => {
    const other = await engine
      .post(`/engine-rest/process-definition/key/aktindsigt/tenant-id/${ODENSE}/start`)
      .set(bearer(AARHUS_PORTAL))
      .send({});
    expect(other.status).toBe(403);
    expect(other.body).toEqual({
      type: 'AuthorizationException',
      message: `The credential of 'aarhus-portal' is bound to tenant '${AARHUS}'; it cannot act for the tenant '${ODENSE}' named by 'tenant-id'`,
    });
    const own = await engine
      .post(`/engine-rest/process-definition/key/aktindsigt/tenant-id/${AARHUS}/start`)
      .set(bearer(AARHUS_PORTAL))
      .send({});
    expect(own.status).toBe(200);
    expect(own.body.tenantId).toBe(AARHUS);
    const deployForOther = await deployLikeModeler(designer, 'aktindsigt.bpmn', model, {
      tenantId: ODENSE,
    }).set(bearer(AARHUS_OWNER));
    expect(deployForOther.status).toBe(403);
  });
});

describe('OIDC bearer tokens', () => {
  const token = (
    claims: JWTPayload,
    options: { key?: CryptoKey; expiresIn?: string | number; issuer?: string; audience?: string } = {},
  ) =>
    new SignJWT({ tenant: AARHUS, roles: ['process-starter', 'offline_access'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'flow-1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('caseworker-17')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);
  const history = (jwt: string) =>
    engine.get('/engine-rest/history/process-instance').set('authorization', `Bearer ${jwt}`);

  it("are accepted when signed by the issuer's key, for us, and unexpired: tenant and roles from the claims", async () => {
    const response = await history(await token({}));
    expect(response.status).toBe(200);
    expect(response.body.map((instance: { tenantId: string }) => instance.tenantId)).toEqual(
      expect.arrayContaining([AARHUS]),
    );
    expect(response.body.every((instance: { tenantId: string }) => instance.tenantId === AARHUS)).toBe(true);
    const elsewhere = await engine
      .get(`/engine-rest/history/process-instance/${instances[ODENSE]}`)
      .set('authorization', `Bearer ${await token({})}`);
    expect(elsewhere.status).toBe(404);
    const lacking = await engine
      .get('/engine-rest/incident')
      .set('authorization', `Bearer ${await token({})}`);
    expect(lacking.status).toBe(403);
    expect(lacking.body.message).toBe("'caseworker-17' lacks the role 'operator' this request needs");
  });

  it.each([
    [
      'another issuer',
      () => token({}, { issuer: 'https://evil.example/realms/flow' }),
      'was not issued by the configured issuer',
    ],
    ['another audience', () => token({}, { audience: 'some-other-api' }), 'is not meant for this API'],
    ['an expired token', () => token({}, { expiresIn: Math.floor(Date.now() / 1000) - 120 }), 'has expired'],
    ['a key the issuer does not publish', () => token({}, { key: rogueKey }), 'signature does not verify'],
    ['no tenant claim', () => token({ tenant: undefined }), "carries no 'tenant' claim"],
  ])('are refused with 401 for %s', async (_case, make, message) => {
    const jwt = await make();
    const response = await history(jwt);
    expect(response.status).toBe(401);
    expectCamundaJson(response);
    expect(response.body.type).toBe('AuthenticationException');
    expect(response.body.message).toContain(message);
    expect(response.body.message).not.toContain(jwt);
  });
});

describe('without any credentials configured', () => {
  let closed: TestApps;
  beforeAll(async () => {
    closed = await startTestApps({ AUTH: 'on' });
  }, 60_000);
  afterAll(() => closed?.stop(), 30_000);

  it('both apps answer every request 401, saying how to configure them, even with a key', async () => {
    for (const attempt of [
      closed.engine.get('/engine-rest/history/process-instance'),
      closed.engine.post('/engine-rest/process-definition/key/aktindsigt/start').send({}),
      closed.engine.get('/engine-rest/incident').set(bearer(AARHUS_PORTAL)),
      closed.designer.get('/engine-rest/process-definition'),
      deployLikeModeler(closed.designer, 'aktindsigt.bpmn', model).auth('modeler', AARHUS_OWNER.key),
    ]) {
      const response = await attempt;
      expect(response.status).toBe(401);
      expectCamundaJson(response);
      expect(response.body).toEqual({
        type: 'AuthenticationException',
        message: expect.stringContaining(
          'This server accepts no credentials: neither API keys (API_KEYS, API_KEYS_FILE) nor an OIDC issuer',
        ),
      });
      expect(response.body.message).toContain('set AUTH=off for local development');
    }
    // Probes still work.
    expect((await closed.engine.get('/health')).status).toBe(200);
    expect((await closed.designer.get('/health')).status).toBe(200);
  });
});

describe('with AUTH=off', () => {
  let open: TestApps;
  beforeAll(async () => {
    open = await startTestApps({ AUTH: 'off' });
  }, 60_000);
  afterAll(() => open?.stop(), 30_000);

  it('every request acts without credentials, for the tenant it names', async () => {
    const deployed = await deployLikeModeler(open.designer, 'aktindsigt.bpmn', model, { tenantId: ODENSE });
    expect(deployed.status).toBe(200);
    const started = await open.engine
      .post(`/engine-rest/process-definition/key/aktindsigt/tenant-id/${ODENSE}/start`)
      .send({});
    expect(started.status).toBe(200);
    expect(started.body.tenantId).toBe(ODENSE);
    const listed = await open.engine.get(`/engine-rest/history/process-instance?tenantIdIn=${ODENSE}`);
    expect(listed.body.map((instance: { id: string }) => instance.id)).toEqual([started.body.id]);
    expect((await open.engine.get('/engine-rest/incident')).status).toBe(200);
  });
});

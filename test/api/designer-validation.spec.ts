import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  apiKeysSetting,
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';

/**
 * Validation on the designer-api, end to end on the real PostgreSQL: `POST /api/validate` and the same check on every
 * deployment — the core's executability rules, bpmnlint and our own rules, hostile XML refused unread, resources
 * over MAX_RESOURCE_BYTES, files that are no model, Camunda's ParseException, warnings with an accepted deployment.
 */
let apps: TestApps;
let designer: Http;

/** Small, so an oversized resource stays small too. */
const MAX_RESOURCE_BYTES = 64 * 1024;

beforeAll(async () => {
  apps = await startTestApps({ MAX_RESOURCE_BYTES: String(MAX_RESOURCE_BYTES) });
  designer = apps.designer;
}, 60_000);
afterAll(() => apps?.stop(), 30_000);

/** A Camunda 7 process with a history time to live (so only what a test puts in is reported). */
const camunda7 = (key: string, body: string, rootElements = '') =>
  bpmnDocument(body, { id: key, rootElements }).replace(
    `id="${key}" isExecutable="true"`,
    `id="${key}" isExecutable="true" camunda:historyTimeToLive="P180D"`,
  );

const worker = (id: string, topic = 'work') =>
  `<bpmn:serviceTask id="${id}" camunda:type="external" camunda:topic="${topic}" />`;

function validate(fileName: string, xml: string | Buffer) {
  return designer
    .post('/api/validate')
    .attach(fileName, Buffer.isBuffer(xml) ? xml : Buffer.from(xml), { filename: fileName });
}

async function definitionsOf(key: string): Promise<unknown[]> {
  const response = await designer.get(`/engine-rest/process-definition?key=${key}`);
  expect(response.status).toBe(200);
  return response.body as unknown[];
}

describe('POST /api/validate: one finding per rule, with element, rule and severity', () => {
  /** [rule, severity, element reported, model] — the core's rules, the engine's check, bpmnlint's and ours. */
  const BROKEN: Array<[string, 'error' | 'warning', string | null, string]> = [
    [
      'java-delegate',
      'error',
      'create',
      camunda7(
        'p',
        `<bpmn:startEvent id="s" /><bpmn:serviceTask id="create" camunda:class="dk.Create" />${chain('s', 'create')}`,
      ),
    ],
    [
      'missing-implementation',
      'error',
      'create',
      camunda7('p', `<bpmn:startEvent id="s" /><bpmn:serviceTask id="create" />${chain('s', 'create')}`),
    ],
    [
      'missing-condition',
      'error',
      'split',
      camunda7(
        'p',
        `<bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="split" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
         ${chain('s', 'split', 'a')}<bpmn:sequenceFlow id="toB" sourceRef="split" targetRef="b" />`,
      ),
    ],
    [
      'invalid-timer',
      'error',
      'wait',
      camunda7(
        'p',
        `<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>seven days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="e" />${chain('s', 'wait', 'e')}`,
      ),
    ],
    [
      'unknown-connector',
      'error',
      'letter',
      camunda7(
        'p',
        `<bpmn:startEvent id="s" />${worker('letter', 'connector:digtal-post')}${chain('s', 'letter')}`,
      ),
    ],
    [
      'no-executable-process',
      'error',
      null,
      camunda7('p', '<bpmn:startEvent id="s" />').replace('isExecutable="true"', 'isExecutable="false"'),
    ],
    [
      'bpmnlint/no-disconnected',
      'warning',
      'lonely',
      camunda7(
        'p',
        `<bpmn:startEvent id="s" />${worker('w')}<bpmn:endEvent id="e" />${chain('s', 'w', 'e')}${worker('lonely')}`,
      ),
    ],
    [
      'kommune-flow/user-task-assignment',
      'warning',
      'review',
      camunda7('p', `<bpmn:startEvent id="s" /><bpmn:userTask id="review" />${chain('s', 'review')}`),
    ],
    [
      'kommune-flow/timer-fixed-date',
      'warning',
      'wait',
      camunda7(
        'p',
        `<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>2026-03-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         ${chain('s', 'wait')}`,
      ),
    ],
    [
      'kommune-flow/message-wait-without-timeout',
      'warning',
      'receipt',
      camunda7(
        'p',
        `<bpmn:startEvent id="s" /><bpmn:receiveTask id="receipt" messageRef="m" />${chain('s', 'receipt')}`,
        '<bpmn:message id="m" name="receipt" />',
      ),
    ],
    [
      'kommune-flow/history-time-to-live',
      'warning',
      'p',
      bpmnDocument(`<bpmn:startEvent id="s" />${worker('w')}${chain('s', 'w')}`, { id: 'p' }),
    ],
    [
      'kommune-flow/message-correlation-key',
      'error',
      'signed',
      bpmnDocument(
        `<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="signed"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
         ${chain('s', 'signed')}`,
        { id: 'p', dialect: 'camunda8', rootElements: '<bpmn:message id="m" name="signed" />' },
      ),
    ],
  ];

  it.each(BROKEN)('reports %s (%s) at %s', async (rule, severity, elementId, xml) => {
    const response = await validate('broken.bpmn', xml);
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    const report = response.body.details['broken.bpmn'] as Record<'errors' | 'warnings', unknown[]>;
    expect(report[severity === 'error' ? 'errors' : 'warnings']).toContainEqual({
      message: expect.any(String),
      line: 0,
      column: 0,
      mainElementId: elementId,
      // The main element first; a flow's finding names the flow too.
      elementIds: elementId ? expect.arrayContaining([elementId]) : [],
      rule,
      severity,
    });
    expect(response.body.valid).toBe(report.errors.length === 0);
  });

  it('gives the line and column of XML that does not parse', async () => {
    const response = await validate(
      'broken.bpmn',
      camunda7('p', '<bpmn:startEvent id="s">').replace('</bpmn:process>', ''),
    );
    expect(response.body.valid).toBe(false);
    expect(response.body.details['broken.bpmn'].errors).toEqual([
      expect.objectContaining({
        rule: 'xml-parse',
        severity: 'error',
        line: expect.any(Number),
        column: expect.any(Number),
      }),
    ]);
    expect(response.body.details['broken.bpmn'].errors[0].line).toBeGreaterThan(1);
  });

  it('takes one model as a raw XML body, named by resourceName or by its root element, and DMN too', async () => {
    const xml = camunda7(
      'rawModel',
      `<bpmn:startEvent id="s" />${worker('w')}<bpmn:endEvent id="e" />${chain('s', 'w', 'e')}`,
    );
    const named = await designer
      .post('/api/validate?resourceName=aktindsigt.bpmn')
      .set('content-type', 'application/xml')
      .send(xml);
    expect(named.status).toBe(200);
    expect(named.body).toEqual({
      valid: true,
      message: 'No errors in aktindsigt.bpmn: a deployment would be accepted',
      details: { 'aktindsigt.bpmn': { errors: [], warnings: [] } },
      processes: [{ id: 'rawModel', name: null, resource: 'aktindsigt.bpmn' }],
      decisions: [],
    });
    const unnamed = await designer.post('/api/validate').set('content-type', 'text/xml').send(xml);
    expect(Object.keys(unnamed.body.details)).toEqual(['model.bpmn']);
    const dmn = await designer
      .post('/api/validate')
      .set('content-type', 'application/xml')
      .send(
        `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="D" namespace="x">
           <decision id="dish" name="Dish"><literalExpression><text>"stew"</text></literalExpression></decision>
         </definitions>`,
      );
    expect(dmn.body).toMatchObject({
      valid: true,
      decisions: [{ id: 'dish', name: 'Dish', resource: 'model.dmn' }],
    });
  });

  it('deploys nothing', async () => {
    const xml = camunda7(
      'validatedOnly',
      `<bpmn:startEvent id="s" />${worker('w')}<bpmn:endEvent id="e" />${chain('s', 'w', 'e')}`,
    );
    const response = await validate('validatedOnly.bpmn', xml);
    expect(response.body).toMatchObject({ valid: true, processes: [{ id: 'validatedOnly' }] });
    expect(await definitionsOf('validatedOnly')).toEqual([]);
    expect((await designer.get('/engine-rest/deployment?name=validatedOnly')).body).toEqual([]);
  });

  it('refuses a request that carries no model', async () => {
    const response = await designer.post('/api/validate').set('content-type', 'application/json').send({});
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('multipart/form-data');
    const badName = await designer
      .post('/api/validate?resourceName=notes.txt')
      .set('content-type', 'application/xml')
      .send('<x/>');
    expect(badName.status).toBe(400);
    expect(badName.body.message).toContain("'resourceName'");
  });
});

describe('the same check on every deployment', () => {
  const clean = (key: string) =>
    camunda7(key, `<bpmn:startEvent id="s" />${worker('w')}<bpmn:endEvent id="e" />${chain('s', 'w', 'e')}`);

  it("refuses a model with an error as Camunda's ParseException, with our rule and severity in every entry", async () => {
    const xml = camunda7(
      'refused',
      `<bpmn:startEvent id="s" /><bpmn:serviceTask id="create" camunda:class="dk.Create" /><bpmn:userTask id="review" />
       <bpmn:endEvent id="e" />${chain('s', 'create', 'review', 'e')}`,
    );
    const response = await deployLikeModeler(designer, 'refused.bpmn', xml);
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body).toEqual({
      type: 'ParseException',
      message: expect.stringMatching(
        /^The deployment was refused: 1 error\(s\) in refused\.bpmn\. refused\.bpmn \[create\]: .*external task/,
      ),
      details: {
        'refused.bpmn': {
          errors: [
            {
              message: expect.stringContaining("'create'"),
              line: 0,
              column: 0,
              mainElementId: 'create',
              elementIds: ['create'],
              rule: 'java-delegate',
              severity: 'error',
            },
          ],
          warnings: [
            {
              message: expect.stringContaining('assigned to nobody'),
              line: 0,
              column: 0,
              mainElementId: 'review',
              elementIds: ['review'],
              rule: 'kommune-flow/user-task-assignment',
              severity: 'warning',
            },
          ],
        },
      },
    });
    expect(await definitionsOf('refused')).toEqual([]);
  });

  it('refuses a model our rules find an error in (a Camunda 8 message wait without correlation key)', async () => {
    const xml = bpmnDocument(
      `<bpmn:startEvent id="s" /><bpmn:receiveTask id="receipt" messageRef="m" />${chain('s', 'receipt')}`,
      { id: 'uncorrelated', dialect: 'camunda8', rootElements: '<bpmn:message id="m" name="receipt" />' },
    );
    const response = await deployLikeModeler(designer, 'uncorrelated.bpmn', xml);
    expect(response.status).toBe(400);
    expect(response.body.details['uncorrelated.bpmn'].errors).toEqual([
      expect.objectContaining({ rule: 'kommune-flow/message-correlation-key', mainElementId: 'receipt' }),
    ]);
  });

  it('returns the warnings with an accepted deployment, in details (our extension of the answer)', async () => {
    const xml = camunda7(
      'withWarnings',
      `<bpmn:startEvent id="s" /><bpmn:userTask id="review" /><bpmn:endEvent id="e" />${chain('s', 'review', 'e')}`,
    );
    const response = await deployLikeModeler(designer, 'withWarnings.bpmn', xml);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.deployedProcessDefinitions)).toHaveLength(1);
    expect(response.body.details).toEqual({
      'withWarnings.bpmn': {
        errors: [],
        warnings: [
          expect.objectContaining({ rule: 'kommune-flow/user-task-assignment', mainElementId: 'review' }),
        ],
      },
    });
    const silent = await deployLikeModeler(designer, 'silent.bpmn', clean('silent'));
    expect(silent.body.details).toEqual({ 'silent.bpmn': { errors: [], warnings: [] } });
  });

  it('is all or nothing: one bad resource refuses the good one beside it', async () => {
    const response = await designer
      .post('/engine-rest/deployment/create')
      .field('deployment-name', 'mixed')
      .attach('good.bpmn', Buffer.from(clean('goodOne')), { filename: 'good.bpmn' })
      .attach('notes.txt', Buffer.from('remember the milk'), { filename: 'notes.txt' });
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('ParseException');
    expect(response.body.details['good.bpmn']).toEqual({ errors: [], warnings: [] });
    expect(await definitionsOf('goodOne')).toEqual([]);
  });
});

describe('hostile and broken input, refused unread with a 400 naming the file', () => {
  const HOSTILE: Array<[string, string]> = [
    [
      'entity expansion (billion laughs)',
      `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&lol2;" isExecutable="true" /></bpmn:definitions>`,
    ],
    [
      'an external entity (XXE)',
      `<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&secret;" isExecutable="true" /></bpmn:definitions>`,
    ],
    [
      'a bare DOCTYPE',
      `<?xml version="1.0"?>\n<!DOCTYPE definitions SYSTEM "http://attacker.example/bpmn.dtd">\n${camunda7('p', '<bpmn:startEvent id="s" />').replace(/^<\?xml[^>]*>\n/, '')}`,
    ],
  ];

  it.each(HOSTILE)('refuses %s on deployment and on validation', async (_what, xml) => {
    const deployment = await deployLikeModeler(designer, 'hostile.bpmn', xml);
    expect(deployment.status).toBe(400);
    expect(deployment.body.type).toBe('ParseException');
    expect(deployment.body.message).toContain('hostile.bpmn');
    expect(deployment.body.details['hostile.bpmn'].errors).toEqual([
      expect.objectContaining({ rule: 'xml-doctype', severity: 'error', line: 2, column: 1 }),
    ]);
    expect(deployment.body.details['hostile.bpmn'].errors[0].message).toContain('hostile.bpmn');
    expect(JSON.stringify(deployment.body)).not.toContain('root:');
    const validation = await validate('hostile.bpmn', xml);
    expect(validation.body).toMatchObject({
      valid: false,
      details: { 'hostile.bpmn': { errors: [expect.objectContaining({ rule: 'xml-doctype' })] } },
    });
    expect(await definitionsOf('p')).toEqual([]);
  });

  it.each([
    ['notes.txt', 'remember the milk', 'unsupported-resource'],
    ['page.bpmn', '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', 'not-a-model'],
    ['rules.dmn', camunda7('p', '<bpmn:startEvent id="s" />'), 'not-a-model'],
  ])('refuses %s, which is no BPMN or DMN model', async (fileName, text, rule) => {
    const response = await deployLikeModeler(designer, fileName, text);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(fileName);
    expect(response.body.details[fileName].errors).toEqual([
      expect.objectContaining({ rule, message: expect.stringContaining(fileName) }),
    ]);
  });

  it('refuses a resource over MAX_RESOURCE_BYTES with a 413 naming the file, on deployment and validation', async () => {
    const padding = `<!-- ${'x'.repeat(MAX_RESOURCE_BYTES)} -->`;
    const big = camunda7('bigModel', `${padding}<bpmn:startEvent id="s" />`);
    const deployment = await deployLikeModeler(designer, 'big.bpmn', big);
    expect(deployment.status).toBe(413);
    expectCamundaJson(deployment);
    expect(deployment.body).toEqual({
      type: 'InvalidRequestException',
      message: expect.stringContaining(`Resource 'big.bpmn' is larger than ${MAX_RESOURCE_BYTES} bytes`),
    });
    expect(await definitionsOf('bigModel')).toEqual([]);
    const multipart = await validate('big.bpmn', big);
    expect(multipart.status).toBe(413);
    expect(multipart.body.message).toContain("'big.bpmn'");
    const raw = await designer
      .post('/api/validate?resourceName=big.bpmn')
      .set('content-type', 'application/xml')
      .send(big);
    expect(raw.status).toBe(413);
    expect(raw.body.message).toContain("'big.bpmn'");
  });
});

describe('who may validate', () => {
  let secured: TestApps;
  beforeAll(async () => {
    secured = await startTestApps({
      AUTH: 'on',
      API_KEYS: apiKeysSetting([
        { name: 'owner', tenant: null, roles: ['process-owner'], key: 'owner-key-0123456789abcdef' },
        { name: 'worker', tenant: null, roles: ['worker'], key: 'worker-key-0123456789abcdef' },
      ]),
    });
  }, 60_000);
  afterAll(() => secured?.stop(), 30_000);

  it('is a process owner', async () => {
    const xml = camunda7('p', `<bpmn:startEvent id="s" />${worker('w')}${chain('s', 'w')}`);
    const post = (key?: string) => {
      const request = secured.designer.post('/api/validate').set('content-type', 'application/xml');
      return (key ? request.set('authorization', `Bearer ${key}`) : request).send(xml);
    };
    expect((await post()).status).toBe(401);
    expect((await post('worker-key-0123456789abcdef')).status).toBe(403);
    expect((await post('owner-key-0123456789abcdef')).status).toBe(200);
  });
});

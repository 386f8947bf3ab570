import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApps, type Http, type TestApps } from '../api/camunda-rest-client.js';

const KLASSE = '/lora/klassifikation/klasse';

let apps: TestApps;
let http: Http;

beforeAll(async () => {
  apps = await startTestApps();
  http = apps.engine;
}, 60_000);
afterAll(() => apps?.stop(), 30_000);

/** LoRA's error body: exactly `{"message": …}` (no Nest `statusCode`/`error`, no Camunda `type`). */
function expectLoraError(response: { status: number; body: unknown }, message: RegExp): void {
  expect(response.status).toBe(400);
  expect(Object.keys(response.body as object)).toEqual(['message']);
  expect((response.body as { message: string }).message).toMatch(message);
}

describe('LoRA API: a body that is no JSON object answers LoRA’s 400', () => {
  it('refuses text that is not JSON, saying so', async () => {
    const response = await http.post(KLASSE).set('Content-Type', 'application/json').send('{"attributter": ');
    expectLoraError(response, /not valid JSON/);
  });

  it('refuses malformed JSON on an update and an import too', async () => {
    const uuid = '0b7a9b45-8f4a-4c1e-9a57-6c1f0a0d1e01';
    const patch = await http
      .patch(`${KLASSE}/${uuid}`)
      .set('Content-Type', 'application/json')
      .send("{'note': 1}");
    expectLoraError(patch, /not valid JSON/);
    const put = await http.put(`${KLASSE}/${uuid}`).set('Content-Type', 'application/json').send('[1,');
    expectLoraError(put, /not valid JSON/);
  });

  it('refuses JSON that is not an object', async () => {
    const response = await http.post(KLASSE).set('Content-Type', 'application/json').send('[1, 2]');
    expectLoraError(response, /JSON object/);
  });

  it('leaves the engine’s own API with its Camunda error form', async () => {
    const response = await http
      .post('/engine-rest/message')
      .set('Content-Type', 'application/json')
      .send('{"messageName": ');
    expect(response.status).toBe(400);
    expect(response.body).toHaveProperty('type');
  });
});

import { expect } from '@jest/globals';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';

/** A supertest agent over a running app's HTTP server. */
export type Http = ReturnType<typeof request>;

export function httpOf(app: INestApplication | undefined): Http {
  if (!app) throw new Error('The app is not running in this process');
  return request(app.getHttpServer());
}

/** Every answer, errors included, says exactly `application/json`, as Camunda clients need. */
export function expectCamundaJson(response: request.Response): void {
  expect(response.headers['content-type']).toBe('application/json');
}

/**
 * Deploys as Camunda Modeler's deploy button does: deployment-name, deployment-source, deploy-changed-only and
 * (when given) tenant-id as text parts, the model as a file part named by its filename.
 */
export function deployLikeModeler(
  designer: Http,
  fileName: string,
  xml: string,
  options: { tenantId?: string; deploymentName?: string } = {},
): request.Test {
  let form = designer
    .post('/engine-rest/deployment/create')
    .field('deployment-name', options.deploymentName ?? fileName.replace(/\.bpmn$/, ''))
    .field('deployment-source', 'Camunda Modeler')
    .field('deploy-changed-only', 'true');
  if (options.tenantId) form = form.field('tenant-id', options.tenantId);
  return form.attach(fileName, Buffer.from(xml), {
    filename: fileName,
    contentType: 'application/octet-stream',
  });
}

/** Polls the history of an instance until it has `state` (job workers run in the background). */
export async function untilHistoricState(
  engine: Http,
  instanceId: string,
  state: string,
  options: { tenantIdIn?: string; timeoutMs?: number } = {},
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const query = options.tenantIdIn ? `?tenantIdIn=${options.tenantIdIn}` : '';
  for (;;) {
    const response = await engine.get(`/engine-rest/history/process-instance/${instanceId}${query}`);
    if (response.status === 200 && response.body.state === state)
      return response.body as Record<string, unknown>;
    if (Date.now() > deadline) {
      throw new Error(`Instance ${instanceId} is ${JSON.stringify(response.body)}, not ${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Camunda's date format, as the API writes it (UTC). */
export const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

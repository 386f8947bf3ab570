import { expect } from '@jest/globals';
import type { Http } from './camunda-rest-client.js';

/** What end-to-end connector specs read back from the engine: variables, activities and incidents of an instance. */

function tenantQuery(tenantId: string | undefined): string {
  return tenantId ? `&tenantIdIn=${tenantId}` : '';
}

/** The instance's variables from history, values parsed where Camunda writes JSON as text. */
export async function variablesOf(
  engine: Http,
  instanceId: string,
  tenantId?: string,
  authorization: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await engine
    .get(`/engine-rest/history/variable-instance?processInstanceId=${instanceId}${tenantQuery(tenantId)}`)
    .set(authorization);
  expect(response.status).toBe(200);
  return Object.fromEntries(
    (response.body as Array<{ name: string; type: string; value: unknown }>).map((variable) => [
      variable.name,
      variable.type === 'Json' && typeof variable.value === 'string'
        ? (JSON.parse(variable.value) as unknown)
        : variable.value,
    ]),
  );
}

/** The ids of the activities the instance went through, in order. */
export async function activitiesOf(
  engine: Http,
  instanceId: string,
  tenantId?: string,
  authorization: Record<string, string> = {},
): Promise<string[]> {
  const response = await engine
    .get(
      `/engine-rest/history/activity-instance?processInstanceId=${instanceId}&sortBy=startTime&sortOrder=asc${tenantQuery(tenantId)}`,
    )
    .set(authorization);
  expect(response.status).toBe(200);
  return (response.body as Array<{ activityId: string }>).map((activity) => activity.activityId);
}

/** Polls until `probe` finds something (job workers run in the background). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Expected ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The instance's open incidents, once it has one. */
export async function incidentsOf(
  engine: Http,
  instanceId: string,
): Promise<Array<{ activityId: string; incidentMessage: string; incidentType: string }>> {
  return until('an incident', async () => {
    const response = await engine.get(`/engine-rest/incident?processInstanceId=${instanceId}`);
    const incidents = response.body as Array<{
      activityId: string;
      incidentMessage: string;
      incidentType: string;
    }>;
    return incidents.length > 0 ? incidents : undefined;
  });
}

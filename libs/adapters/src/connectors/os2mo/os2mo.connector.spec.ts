import { afterAll, describe, expect, it } from '@jest/globals';
import {
  FAKE_OS2MO,
  FAKE_OS2MO_CLIENT,
  FAKE_OS2MO_TOKEN_PATH,
  FakeOs2mo,
} from '../../../../../test/support/fake-os2mo.js';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import type { ConnectorSettings } from '../../tenant/tenant-configuration-store.js';
import { Os2moConnector } from './os2mo.connector.js';

const os2mo = await new FakeOs2mo().start();
afterAll(() => os2mo.stop());

const secrets = new EnvFileSecretResolver({ env: { MO_SECRET: FAKE_OS2MO_CLIENT.clientSecret } });
const settings: ConnectorSettings = {
  baseUrl: os2mo.url,
  auth: {
    type: 'oauth2',
    grant: 'client_credentials',
    tokenUrl: `${os2mo.url}${FAKE_OS2MO_TOKEN_PATH}`,
    clientId: FAKE_OS2MO_CLIENT.clientId,
    clientSecret: { secretRef: 'env:MO_SECRET' },
  },
};
const [root, social, children] = FAKE_OS2MO.units;
const fastRetries = { retryBaseMs: 1, retryMaxMs: 5 };

function run(input: unknown) {
  return runConnector(
    new ConnectorRegistry([new Os2moConnector(fastRetries)]),
    'os2mo',
    input,
    connectorTestContext({ connectorId: 'os2mo', settings, secrets }),
  );
}

describe('connector:os2mo', () => {
  describeConnectorConformance(() => new Os2moConnector(fastRetries), {
    valid: [
      { name: 'an org unit', input: { operation: 'org-unit', uuid: social!.uuid } },
      { name: 'an employee by user key', input: { operation: 'employee', userKey: 'cr', fields: ['name'] } },
    ],
    invalid: [
      { name: 'nothing', input: {}, paths: ['$.operation'] },
      {
        name: 'not a uuid, an unknown field',
        input: { operation: 'org-unit', uuid: 'social', fields: ['salary'] },
        paths: ['$.uuid', '$.fields[0]'],
      },
    ],
    failures: [
      {
        name: 'unknown unit',
        input: { operation: 'unit-manager', uuid: '00000000-0000-4000-8000-000000000404' },
        expect: { bpmnErrorCode: 'OS2MO_NOT_FOUND' },
      },
      {
        name: 'unknown employee, mapped',
        input: { operation: 'employee', userKey: 'nobody', notFoundErrorCode: 'NO_EMPLOYEE' },
        expect: { bpmnErrorCode: 'NO_EMPLOYEE' },
      },
      {
        name: 'a unit field for an employee',
        input: { operation: 'employee', userKey: 'cr', fields: ['parent'] },
        expect: 'permanent',
      },
      {
        name: 'OS2mo down',
        input: { operation: 'org-unit', uuid: FAKE_OS2MO.downUnit },
        expect: 'retryable',
      },
    ],
    slow: { operation: 'org-unit', uuid: FAKE_OS2MO.slowUnit },
    tenant: { settings, secrets, secretValues: [FAKE_OS2MO_CLIENT.clientSecret] },
    idempotencyKeysSeen: () => os2mo.queries.map((query) => String(query.idempotencyKey)),
  });

  it('reads an org unit with its parent and manager, asking OS2mo only for the requested fields', async () => {
    const result = await run({
      operation: 'org-unit',
      uuid: children!.uuid,
      fields: ['name', 'parent', 'manager'],
    });
    expect(result).toEqual({
      status: 'completed',
      output: {
        orgUnit: {
          name: 'Børn og Unge',
          parent: { uuid: social!.uuid, name: 'Social' },
          manager: { uuid: 'b1a5e5b7-0000-4000-8000-000000000002', name: 'Bent Chef' },
        },
      },
    });
    const sent = os2mo.queries.at(-1)!;
    expect(sent.query).toContain('managers(inherit: true)');
    expect(sent.query).not.toMatch(/user_key/);
    expect(sent.variables).toEqual({ uuids: [children!.uuid] });
  });

  it("finds a unit's manager up the tree, saying where, and the employees of a unit", async () => {
    const manager = await run({
      operation: 'unit-manager',
      uuid: children!.uuid,
      fields: ['uuid', 'name', 'userKey'],
    });
    expect(manager).toEqual({
      status: 'completed',
      output: {
        manager: {
          uuid: 'b1a5e5b7-0000-4000-8000-000000000002',
          name: 'Bent Chef',
          userKey: 'bc',
          orgUnit: { uuid: social!.uuid, name: 'Social' },
        },
      },
    });
    const top = await run({ operation: 'unit-manager', uuid: root!.uuid, fields: ['name'] });
    expect(top).toMatchObject({
      output: { manager: { name: 'Anne Direktør', orgUnit: { name: 'Kommunen' } } },
    });
    const employees = await run({ operation: 'unit-employees', uuid: children!.uuid, fields: ['givenName'] });
    expect(employees).toEqual({
      status: 'completed',
      output: { employees: [{ givenName: 'Carla' }, { givenName: 'Dan' }] },
    });
  });

  it('reads an employee by uuid with only the requested fields, reusing one token', async () => {
    const before = os2mo.tokensIssued;
    const connector = new Os2moConnector();
    const registry = new ConnectorRegistry([connector]);
    const context = () => connectorTestContext({ connectorId: 'os2mo', settings, secrets });
    const input = {
      operation: 'employee',
      uuid: 'b1a5e5b7-0000-4000-8000-000000000004',
      fields: ['givenName', 'surname'],
    };
    const first = await runConnector(registry, 'os2mo', input, context());
    const second = await runConnector(registry, 'os2mo', input, context());
    expect(first).toEqual({
      status: 'completed',
      output: { employee: { givenName: 'Dan', surname: 'Pædagog' } },
    });
    expect(second).toEqual(first);
    expect(os2mo.tokensIssued - before).toBe(1);
  });

  it('needs exactly one of uuid and userKey for an employee', async () => {
    expect(await run({ operation: 'employee', uuid: social!.uuid, userKey: 'x' })).toMatchObject({
      status: 'failed',
      failure: { retryable: false, message: expect.stringContaining('exactly one of $.uuid and $.userKey') },
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { noopConnector } from './noop.connector.js';

describe('noop connector', () => {
  it('completes at once with no result variables, whatever object it is given', async () => {
    await expect(noopConnector.execute({ anything: [1, 2] }, connectorTestContext())).resolves.toEqual({});
  });

  describeConnectorConformance(() => noopConnector, {
    valid: [
      { name: 'no input', input: {} },
      { name: 'any fields', input: { caseNumber: 'A-1', nested: { list: [1, null] } } },
    ],
    invalid: [
      { name: 'not an object', input: 'hello', paths: ['$'] },
      { name: 'an array', input: [], paths: ['$'] },
    ],
    ignoresIdempotencyKey: 'it has no effect outside the engine, so a repeated call changes nothing',
  });
});

import { describe, expect, it } from '@jest/globals';
import { noopConnector } from '../connectors/noop/noop.connector.js';
import { TestConnector } from '../connectors/test/test.connector.js';
import { ConnectorRegistry } from './connector-registry.js';

describe('ConnectorRegistry', () => {
  it('registers connectors, looks them up by id and lists the ids sorted', () => {
    const test = new TestConnector();
    const registry = new ConnectorRegistry([test]).register(noopConnector);
    expect(registry.get('noop')).toBe(noopConnector);
    expect(registry.get('test')).toBe(test);
    expect(registry.get('sbsys')).toBeUndefined();
    expect(registry.has('test')).toBe(true);
    expect(registry.ids()).toEqual(['noop', 'test']);
  });

  it('refuses a second connector with the same id', () => {
    const registry = new ConnectorRegistry([noopConnector]);
    expect(() => registry.register({ ...noopConnector })).toThrow(
      "Cannot register connector 'noop': a connector with that id is already registered",
    );
  });

  it('refuses a timeout that is no positive number', () => {
    expect(() => new ConnectorRegistry([{ ...noopConnector, timeoutMs: 0 }])).toThrow(
      "Cannot register connector 'noop': its timeoutMs must be a number of milliseconds > 0, got 0",
    );
  });

  it('refuses an invalid id', () => {
    expect(() => new ConnectorRegistry([{ ...noopConnector, id: 'connector:noop' }])).toThrow(
      "Cannot register connector 'connector:noop'",
    );
  });
});

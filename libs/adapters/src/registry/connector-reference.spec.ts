import { describe, expect, it } from '@jest/globals';
import { noopConnector } from '../connectors/noop/noop.connector.js';
import { TestConnector } from '../connectors/test/test.connector.js';
import { checkConnectorReferences, connectorIdOf, connectorJobType } from './connector-reference.js';
import { ConnectorRegistry } from './connector-registry.js';

describe('connectorIdOf: the one way a service task names a connector', () => {
  it('reads connector:<id> from a topic, job type or Camunda 7 connectorId', () => {
    expect(connectorIdOf('connector:noop')).toBe('noop');
    expect(connectorIdOf('connector:digital-post')).toBe('digital-post');
    expect(connectorIdOf('  connector:noop\n')).toBe('noop');
  });

  it('leaves anything else to external workers', () => {
    expect(connectorIdOf('send-letter')).toBeUndefined();
    expect(connectorIdOf('Connector:noop')).toBeUndefined();
    expect(connectorIdOf('io.camunda:http-json:1')).toBeUndefined();
    expect(connectorIdOf('')).toBeUndefined();
  });

  it('claims a connector: prefix without an id, so deployment can report it', () => {
    expect(connectorIdOf('connector:')).toBe('');
  });

  it('connectorJobType is its inverse', () => {
    expect(connectorIdOf(connectorJobType('os2mo'))).toBe('os2mo');
  });
});

describe('checkConnectorReferences', () => {
  const registry = new ConnectorRegistry([noopConnector, new TestConnector()]);

  it('passes known connectors and external task topics', () => {
    expect(
      checkConnectorReferences(
        [
          { elementId: 'Noop', jobType: 'connector:noop' },
          { elementId: 'Test', jobType: 'connector:test' },
          { elementId: 'Worker', jobType: 'send-letter' },
        ],
        registry,
      ),
    ).toEqual([]);
  });

  it('reports an unknown connector, naming the element, the id and the known ids', () => {
    expect(
      checkConnectorReferences([{ elementId: 'SendLetter', jobType: 'connector:digtal-post' }], registry),
    ).toEqual([
      {
        severity: 'error',
        rule: 'unknown-connector',
        elementId: 'SendLetter',
        connectorId: 'digtal-post',
        message:
          "Element 'SendLetter' names connector 'digtal-post' (job type 'connector:digtal-post'), but this engine has no connector with that id; known connectors: noop, test. Fix the id, or drop the 'connector:' prefix to leave the work to an external worker",
      },
    ]);
  });

  it('reports a connector: prefix with no id, and an empty registry', () => {
    const [empty] = checkConnectorReferences([{ elementId: 'T', jobType: 'connector:' }], registry);
    expect(empty?.message).toBe(
      "Element 'T' has job type 'connector:', which names no connector: write 'connector:<id>' (known connectors: noop, test), or drop the 'connector:' prefix to leave the work to an external worker",
    );
    const [none] = checkConnectorReferences(
      [{ elementId: 'T', jobType: 'connector:noop' }],
      new ConnectorRegistry(),
    );
    expect(none?.message).toContain('none are registered');
  });
});

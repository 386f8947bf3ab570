import { describe, expect, it } from '@jest/globals';
import { schema } from '../schema/schema.js';
import { CONNECTOR_ID_PATTERN, defineConnector, settingsIdOf } from './connector.js';

describe('defineConnector', () => {
  it('returns the connector with its types inferred from its schemas', async () => {
    const greeting = defineConnector({
      id: 'greeting',
      description: 'Says hello.',
      input: schema.object({ name: schema.string() }),
      output: schema.object({ greeting: schema.string() }),
      async execute(input) {
        return { greeting: `Hello, ${input.name}` };
      },
    });
    expect(await greeting.execute({ name: 'Aarhus' }, undefined as never)).toEqual({
      greeting: 'Hello, Aarhus',
    });
  });

  it('refuses an id that is not lowercase letters, digits and inner hyphens', () => {
    const base = {
      description: 'x',
      input: schema.object({}),
      output: schema.object({}),
      execute: async () => ({}),
    };
    expect(() => defineConnector({ ...base, id: 'Digital_Post' })).toThrow(
      "Connector id 'Digital_Post' is not valid: use lowercase letters, digits and inner hyphens",
    );
    for (const id of ['noop', 'digital-post', 'os2mo', 'os2forms']) expect(id).toMatch(CONNECTOR_ID_PATTERN);
    for (const id of ['', '-a', 'a-', 'a--b', '2fa', 'connector:noop'])
      expect(id).not.toMatch(CONNECTOR_ID_PATTERN);
  });

  it('takes the tenant settings of its settingsId, else of its own id; refuses a settingsId that is no id', () => {
    const base = {
      description: 'x',
      input: schema.object({}),
      output: schema.object({}),
      execute: async () => ({}),
    };
    expect(settingsIdOf(defineConnector({ ...base, id: 'backbone-klasse', settingsId: 'backbone' }))).toBe(
      'backbone',
    );
    expect(settingsIdOf(defineConnector({ ...base, id: 'sbsys' }))).toBe('sbsys');
    expect(() => defineConnector({ ...base, id: 'backbone-klasse', settingsId: 'Backbone' })).toThrow(
      "Connector 'backbone-klasse': settingsId 'Backbone' is not valid: use a connector id, e.g. 'backbone'",
    );
  });
});

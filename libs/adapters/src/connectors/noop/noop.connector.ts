import { defineConnector } from '../../contract/connector.js';
import { schema } from '../../schema/schema.js';

/**
 * Does nothing and completes at once with no result variables: for models under construction, and to try the
 * connector path end to end (`zeebe:taskDefinition type="connector:noop"`).
 */
export const noopConnector = defineConnector({
  id: 'noop',
  description: 'Does nothing and completes at once, setting no variables. Accepts any input object.',
  input: schema.object({}, { unknownFields: 'allow', description: 'Any object; it is ignored.' }),
  output: schema.object({}),
  async execute() {
    return {};
  },
});

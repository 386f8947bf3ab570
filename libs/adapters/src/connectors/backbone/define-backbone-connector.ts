import type { Backbone } from '#lora';
import { defineConnector, type Connector, type ConnectorContext } from '../../contract/connector.js';
import type { Schema } from '../../schema/schema.js';
import { callBackbone } from './backbone-connector-failure.js';
import {
  BACKBONE_SETTINGS_ID,
  backboneDependencies,
  backboneFor,
  type BackboneConnectorOptions,
} from './backbone-for-tenant.js';

/** A backbone connector: what it asks the tenant's backbone for one call. */
export interface BackboneConnectorDefinition<Input, Output> {
  id: string;
  description: string;
  input: Schema<Input>;
  output: Schema<Output>;
  /** Asks the backbone; its failures are classified by {@link callBackbone} with the call's `notFoundErrorCode`. */
  ask(backbone: Backbone, call: Input, context: ConnectorContext): Promise<Output>;
}

/**
 * A connector on the backbone port: the tenant's settings under `backbone` choose LoRA or KOMBIT
 * ({@link backboneFor}), "not found" becomes the model's BPMN error when the call names one, and closing the
 * connector closes the backbone's connections.
 */
export function defineBackboneConnector<Input extends { notFoundErrorCode?: string | undefined }, Output>(
  options: BackboneConnectorOptions,
  definition: BackboneConnectorDefinition<Input, Output>,
): Connector<Input, Output> {
  const dependencies = backboneDependencies(options);
  return defineConnector({
    id: definition.id,
    settingsId: BACKBONE_SETTINGS_ID,
    description: definition.description,
    input: definition.input,
    output: definition.output,
    close: () => dependencies.close(),
    execute: (call, context) =>
      callBackbone(() => definition.ask(backboneFor(context, dependencies), call, context), {
        notFoundErrorCode: call.notFoundErrorCode,
      }),
  });
}

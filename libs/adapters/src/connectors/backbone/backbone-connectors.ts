import { defineConnector, settingsIdOf, type AnyConnector } from '../../contract/connector.js';
import { createBackboneCreateSagConnector } from './backbone-create-sag.connector.js';
import type { BackboneConnectorOptions } from './backbone-for-tenant.js';
import { createBackboneJournaliseConnector } from './backbone-journalise.connector.js';
import { createBackboneKlasseConnector } from './backbone-klasse.connector.js';
import { createBackboneOrgUnitConnector } from './backbone-org-unit.connector.js';
import { createBackbonePersonEngagementsConnector } from './backbone-person-engagements.connector.js';
import { createBackboneResponsibleUnitConnector } from './backbone-responsible-unit.connector.js';

/**
 * The ids the backbone connectors had when they spoke to LoRA alone, by their id now: models that name the old ids
 * keep running, with the same behaviour and the tenant's `backbone` settings.
 */
export const LEGACY_LORA_CONNECTOR_IDS: Readonly<Record<string, string>> = {
  'lora-org-unit': 'backbone-org-unit',
  'lora-responsible-unit': 'backbone-responsible-unit',
  'lora-klasse': 'backbone-klasse',
  'lora-create-sag': 'backbone-create-sag',
  'lora-journalise': 'backbone-journalise',
};

/**
 * Every backbone connector, and each legacy `lora-*` id as an alias of its connector (the same object under
 * another id, sharing its HTTP client and settings). Register them all in one registry.
 */
export function createBackboneConnectors(options: BackboneConnectorOptions = {}): AnyConnector[] {
  const connectors = [
    createBackboneOrgUnitConnector(options),
    createBackboneResponsibleUnitConnector(options),
    createBackboneKlasseConnector(options),
    createBackboneCreateSagConnector(options),
    createBackboneJournaliseConnector(options),
    createBackbonePersonEngagementsConnector(options),
  ] as AnyConnector[];
  const aliases = Object.entries(LEGACY_LORA_CONNECTOR_IDS).map(([legacyId, id]) => {
    const connector = connectors.find((candidate) => candidate.id === id)!;
    return connectorAlias(connector, legacyId);
  });
  return [...connectors, ...aliases];
}

/** The connector under another id: the same schemas, settings and behaviour. */
function connectorAlias(connector: AnyConnector, aliasId: string): AnyConnector {
  return defineConnector({
    id: aliasId,
    settingsId: settingsIdOf(connector),
    description: `${connector.description} (The former id of connector:${connector.id}.)`,
    input: connector.input,
    output: connector.output,
    ...(connector.timeoutMs === undefined ? {} : { timeoutMs: connector.timeoutMs }),
    execute: (input, context) => connector.execute(input, context),
  });
}

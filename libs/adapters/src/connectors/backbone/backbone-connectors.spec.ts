import { describe, expect, it } from '@jest/globals';
import { LoraLookupError, type BackboneKleResponsibility } from '#lora';
import { connectorTestContext } from '../../conformance/connector-conformance.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import type { KombitBackboneServices } from '../../kombit/kombit-backbone.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { createBackboneConnectors, LEGACY_LORA_CONNECTOR_IDS } from './backbone-connectors.js';

const BYGGERI = '0b5c2f0e-0000-4000-8000-000000000001';
const responsibility: BackboneKleResponsibility = {
  kle: {
    uuid: '0b5c2f0e-0000-4000-8000-000000002724',
    brugervendtnoegle: '27.24.00',
    titel: 'Byggesager',
    facetUuid: null,
  },
  unit: { uuid: BYGGERI, brugervendtnoegle: 'byggeri', enhedsnavn: 'Byggeri' },
  manager: {
    uuid: '0b5c2f0e-0000-4000-8000-00000000a1de',
    brugervendtnoegle: 'anders',
    brugernavn: 'Anders And',
    unitUuid: BYGGERI,
  },
};

/** A KOMBIT Organisation that knows one KLE number; the other services are never reached here. */
const kombit = {
  organisation: {
    unitResponsibleForKle: async (_context: unknown, kleNumber: string) => {
      if (kleNumber === '27.24.00') return responsibility;
      throw new LoraLookupError('NOT_FOUND', `No unit is ansvarlig for KLE ${kleNumber}`);
    },
  },
  klassifikation: {},
  sdi: {},
} as unknown as KombitBackboneServices;

const registry = new ConnectorRegistry(createBackboneConnectors({ kombit }));
const onKombit = () => connectorTestContext({ connectorId: 'backbone', settings: { kind: 'kombit' } });

describe('the backbone connectors and their former lora-* ids', () => {
  it('registers six backbone connectors and each lora-* id, all configured under `backbone`', () => {
    expect(registry.ids()).toEqual([
      'backbone-create-sag',
      'backbone-journalise',
      'backbone-klasse',
      'backbone-org-unit',
      'backbone-person-engagements',
      'backbone-responsible-unit',
      'lora-create-sag',
      'lora-journalise',
      'lora-klasse',
      'lora-org-unit',
      'lora-responsible-unit',
    ]);
    for (const id of registry.ids()) expect(registry.get(id)?.settingsId).toBe('backbone');
    for (const [legacyId, id] of Object.entries(LEGACY_LORA_CONNECTOR_IDS)) {
      expect(registry.get(legacyId)?.input.toJsonSchema()).toEqual(registry.get(id)?.input.toJsonSchema());
      expect(registry.get(legacyId)?.description).toContain(`The former id of connector:${id}`);
    }
  });

  it('answers the same under the old id and the new one, on whichever backbone the tenant has', async () => {
    for (const id of ['backbone-responsible-unit', 'lora-responsible-unit']) {
      expect(await runConnector(registry, id, { kleNumber: '27.24.00' }, onKombit())).toEqual({
        status: 'completed',
        output: responsibility,
      });
    }
  });

  it("turns the KOMBIT backbone's 'not found' into the model's BPMN error", async () => {
    const result = await runConnector(
      registry,
      'backbone-responsible-unit',
      { kleNumber: '01.02.03', notFoundErrorCode: 'NO_UNIT' },
      onKombit(),
    );
    expect(result).toMatchObject({ status: 'failed', failure: { bpmnErrorCode: 'NO_UNIT' } });
    expect((result as { failure: unknown }).failure).toBeInstanceOf(PermanentConnectorError);
  });

  it('closes the KOMBIT services they were given when their registry closes (the engine shutting down)', async () => {
    let closed = 0;
    const closable = new ConnectorRegistry(
      createBackboneConnectors({ kombit: { ...kombit, close: () => void (closed += 1) } }),
    );
    await closable.close();
    expect(closed).toBeGreaterThan(0);
  });

  it('asks backbone-klasse for either a brugervendtnoegle or a KLE number', async () => {
    for (const input of [{}, { brugervendtnoegle: 'G01', kleNumber: '27.24.00' }]) {
      const result = await runConnector(registry, 'backbone-klasse', input, onKombit());
      expect(result).toMatchObject({
        status: 'failed',
        failure: { message: expect.stringContaining('give either brugervendtnoegle') },
      });
    }
  });
});

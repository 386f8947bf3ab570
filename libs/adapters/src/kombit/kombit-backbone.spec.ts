import { describe, expect, it } from '@jest/globals';
import type { BackboneKlasse } from '#lora';
import { connectorTestContext } from '../conformance/connector-conformance.js';
import { KombitBackbone, type KombitBackboneServices } from './kombit-backbone.js';

/**
 * Only the composition: each backbone operation goes to its støttesystem with the calling tenant's context. The
 * services themselves are tested against servers speaking KOMBIT's protocols (organisation/, klassifikation/, sdi/).
 */
describe('KombitBackbone: the backbone composed from Organisation, Klassifikation and SDI', () => {
  it('hands each operation to its service with the calling context and the arguments', async () => {
    const calls: Array<{ service: string; method: string; contextTenant: string; args: unknown[] }> = [];
    const recorder = <T extends object>(service: string): T =>
      new Proxy({} as T, {
        get:
          (_target, method) =>
          async (context: { tenant: { id: string } }, ...args: unknown[]) => {
            calls.push({ service, method: String(method), contextTenant: context.tenant.id, args });
            return { answeredBy: `${service}.${String(method)}` } as unknown as BackboneKlasse;
          },
      });
    const services: KombitBackboneServices = {
      organisation: recorder('organisation'),
      klassifikation: recorder('klassifikation'),
      sdi: recorder('sdi'),
    };
    const backbone = new KombitBackbone(connectorTestContext({ tenantId: 'odense' }), services);
    const sag = {
      uuid: '5d3e4a80-0000-4000-8000-000000000001',
      titel: 'Byggesag',
      primaerklasse: '5d3e4a80-0000-4000-8000-000000000002',
      ansvarlig: '5d3e4a80-0000-4000-8000-000000000003',
      primaerpart: 'urn:oio:cvr-nr:12345678',
      virkningFra: new Date('2025-01-15T09:30:00Z'),
    };
    const document = { titel: 'Ansøgning', virkningFra: sag.virkningFra };
    expect(await backbone.unitResponsibleForKle('27.24.00', 'udfoerende')).toEqual({
      answeredBy: 'organisation.unitResponsibleForKle',
    });
    await backbone.orgUnitWithManager('unit-1');
    await backbone.personEngagements('person-1');
    await backbone.klasseByKleNumber('27.24.00');
    await backbone.klasseByBrugervendtnoegle('G01', 'kle_handlingsfacet');
    await backbone.createOrUpdateSagIndex(sag);
    await backbone.journaliseDocumentReference(sag.uuid, document);
    expect(calls).toEqual([
      {
        service: 'organisation',
        method: 'unitResponsibleForKle',
        contextTenant: 'odense',
        args: ['27.24.00', 'udfoerende'],
      },
      { service: 'organisation', method: 'orgUnitWithManager', contextTenant: 'odense', args: ['unit-1'] },
      { service: 'organisation', method: 'personEngagements', contextTenant: 'odense', args: ['person-1'] },
      { service: 'klassifikation', method: 'klasseByKleNumber', contextTenant: 'odense', args: ['27.24.00'] },
      {
        service: 'klassifikation',
        method: 'klasseByBrugervendtnoegle',
        contextTenant: 'odense',
        args: ['G01', 'kle_handlingsfacet'],
      },
      { service: 'sdi', method: 'createOrUpdateSagIndex', contextTenant: 'odense', args: [sag] },
      {
        service: 'sdi',
        method: 'journaliseDocumentReference',
        contextTenant: 'odense',
        args: [sag.uuid, document],
      },
    ]);
  });
});

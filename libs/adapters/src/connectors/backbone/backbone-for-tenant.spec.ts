import { describe, expect, it } from '@jest/globals';
import { LoraBackbone } from '#lora';
import { connectorTestContext } from '../../conformance/connector-conformance.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import type { ConnectorSettings } from '../../tenant/tenant-configuration-store.js';
import { KombitBackbone, type KombitBackboneServices } from '../../kombit/kombit-backbone.js';
import { BACKBONE_SETTINGS_ID, backboneDependencies, backboneFor } from './backbone-for-tenant.js';

/** Never called: backboneFor only composes the services. */
const kombitServices = {} as KombitBackboneServices;

const contextWith = (settings?: ConnectorSettings) =>
  connectorTestContext({
    tenantId: 'aarhus',
    connectorId: BACKBONE_SETTINGS_ID,
    ...(settings === undefined ? {} : { settings }),
  });

function failureOf(settings: ConnectorSettings | undefined, withKombit = true): PermanentConnectorError {
  const dependencies = backboneDependencies(withKombit ? { kombit: kombitServices } : {});
  try {
    backboneFor(contextWith(settings), dependencies);
  } catch (error) {
    expect(error).toBeInstanceOf(PermanentConnectorError);
    return error as PermanentConnectorError;
  }
  throw new Error('expected backboneFor to fail');
}

describe('backboneFor: the tenant chooses its backbone in its backbone settings', () => {
  it('gives the tenant its own LoRA when kind is lora, or not given', () => {
    const dependencies = backboneDependencies();
    for (const settings of [
      { baseUrl: 'https://lora.aarhus.example/lora' },
      { kind: 'lora', baseUrl: 'https://lora.aarhus.example/lora', kleNumberFacet: 'kle_nummer' },
    ]) {
      expect(backboneFor(contextWith(settings), dependencies)).toBeInstanceOf(LoraBackbone);
    }
  });

  it("gives the tenant KOMBIT's støttesystemer when kind is kombit and the engine has them", () => {
    const backbone = backboneFor(
      contextWith({ kind: 'kombit', sts: {}, tls: {} }),
      backboneDependencies({ kombit: kombitServices }),
    );
    expect(backbone).toBeInstanceOf(KombitBackbone);
  });

  it('says that the KOMBIT backbone is not set up when the engine has no KOMBIT services', () => {
    expect(failureOf({ kind: 'kombit' }, false).message).toBe(
      `Tenant 'aarhus', connector settings 'backbone': kind is "kombit", but the KOMBIT backbone is not set up in this engine (its Organisation, Klassifikation and SDI services are not given to the backbone connectors); use "kind": "lora" or ask the operator to set it up`,
    );
  });

  it('names a wrong kind, a missing baseUrl, a wrong option and a missing configuration', () => {
    expect(failureOf({ kind: 'sbsys', baseUrl: 'https://x.example' }).message).toBe(
      `Tenant 'aarhus', connector settings 'backbone': kind must be "lora" or "kombit" (default "lora"), found "sbsys"`,
    );
    expect(failureOf({ kind: 7 }).message).toContain(
      'kind must be "lora" or "kombit" (default "lora"), found an integer',
    );
    expect(failureOf({ kind: 'lora' }).message).toBe(
      `Tenant 'aarhus', connector settings 'backbone': set baseUrl (the LoRA endpoint, e.g. https://lora.example/lora) for the tenant`,
    );
    expect(failureOf({ baseUrl: 'https://x.example', kleKlassifikation: '' }).message).toContain(
      'kleKlassifikation must be a brugervendtnoegle (a non-empty string), found a string of 0 characters',
    );
    expect(failureOf(undefined).message).toContain(
      `the tenant has no backbone configured; add { "backbone": { "kind": "lora"`,
    );
  });
});

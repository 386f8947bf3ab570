import {
  startKombitStoettesystemer,
  type KombitStoettesystemer,
} from '../support/kombit/kombit-stoettesystemer.js';
import type { BackboneScenarioSetup, IndexedCase, SeededBackbone } from './backbone-scenario-setup.js';

/** The municipality the scenario's tenant is: its CVR, for which the service agreements are made. */
const CVR = '29189846';

/**
 * The KOMBIT backbone: KOMBIT's støttesystemer on loopback (both STS variants, Organisation, Klassifikation, SDI),
 * each behind mutual TLS with the tenant's function certificate. The model's facet `kle_handlingsfacet` is
 * Klassifikation's `Handlingsfacet` through the tenant's `klassifikation.facetNames`.
 */
export function kombitScenarioSetup(): BackboneScenarioSetup {
  let kombit: KombitStoettesystemer | undefined;
  const started = (): KombitStoettesystemer => {
    if (!kombit) throw new Error('The KOMBIT fakes are not started');
    return kombit;
  };
  return {
    name: 'kombit',
    async start() {
      kombit = await startKombitStoettesystemer();
      return kombit.settingsFor({ cvr: CVR, certificate: 'client' });
    },
    async seed(): Promise<SeededBackbone> {
      return started().seedMunicipality(CVR, 'anders');
    },
    async indexedCase(sagUuid): Promise<IndexedCase> {
      const indexed = started().indexedCase(CVR, sagUuid);
      if (!indexed) throw new Error(`SDI has no case ${sagUuid} for CVR ${CVR}`);
      return indexed;
    },
    async stop() {
      await kombit?.close();
    },
  };
}

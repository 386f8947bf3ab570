import { LoraClient, type LoraEntry, type LoraObject } from '#lora';
import { SEEDED_FROM, seedOrganisation } from '../lora/lora-org-seed.js';
import type { BackboneScenarioSetup, IndexedCase, SeededBackbone } from './backbone-scenario-setup.js';

const virkning = { from: SEEDED_FROM, to: 'infinity' };
const entry = (fields: Record<string, unknown>) => ({ ...fields, virkning }) as LoraEntry;

/** The LoRA backbone: the engine's own LoRA service (`/lora`), reached over HTTP as any remote LoRA. */
export function loraScenarioSetup(): BackboneScenarioSetup {
  let lora: LoraClient;
  return {
    name: 'lora',
    async start(engineUrl) {
      const baseUrl = `${engineUrl}/lora`;
      lora = new LoraClient({ baseUrl });
      return { kind: 'lora', baseUrl };
    },
    async seed(): Promise<SeededBackbone> {
      const seeded = await seedOrganisation(lora);
      return {
        unitUuid: seeded.byggeri,
        unitName: 'Byggeri',
        managerUuid: seeded.anders,
        managerUserId: 'anders',
        kleUuid: seeded.kle272400,
        handlingsfacetUuid: await seedHandlingsfacetG01(lora),
      };
    },
    async indexedCase(sagUuid): Promise<IndexedCase> {
      const sag = await lora.sag.read(sagUuid, 'now');
      const related = (name: string) => {
        const [first] = sag.registreringer[0]?.relationer?.[name] ?? [];
        return first?.uuid ?? first?.urn ?? '';
      };
      const posts = sag.registreringer[0]?.relationer?.['journalpost'] ?? [];
      const documents = await Promise.all(
        posts.map(async (post) => ({
          uuid: post.uuid ?? '',
          titel: String(titelOf(await lora.dokument.read(post.uuid ?? '', 'now'), 'dokumentegenskaber')),
        })),
      );
      return {
        titel: String(titelOf(sag, 'sagegenskaber')),
        primaerklasse: related('primaerklasse'),
        handlingsfacet: related('handlingsklasse'),
        ansvarlig: related('ansvarlig'),
        primaerpart: related('primaerpart'),
        documents,
      };
    },
    async stop() {},
  };
}

function titelOf(object: LoraObject, egenskaber: string): unknown {
  return object.registreringer[0]?.attributter?.[egenskaber]?.[0]?.['titel'];
}

/** The handlingsfacet klasse G01 (Generelle sager) in a facet `kle_handlingsfacet` of the KLE klassifikation. */
async function seedHandlingsfacetG01(lora: LoraClient): Promise<string> {
  const [kle] = await lora.klassifikation.search({ brugervendtnoegle: 'KLE' }, 'now');
  const facet = await lora.facet.create({
    attributter: { facetegenskaber: [entry({ brugervendtnoegle: 'kle_handlingsfacet' })] },
    tilstande: { facetpubliceret: [entry({ publiceret: 'Publiceret' })] },
    relationer: { facettilhoerer: [{ uuid: kle!, virkning }] },
  });
  const klasse = await lora.klasse.create({
    attributter: { klasseegenskaber: [entry({ brugervendtnoegle: 'G01', titel: 'Generelle sager' })] },
    tilstande: { klassepubliceret: [entry({ publiceret: 'Publiceret' })] },
    relationer: { facet: [{ uuid: facet.uuid, virkning }] },
  });
  return klasse.uuid;
}

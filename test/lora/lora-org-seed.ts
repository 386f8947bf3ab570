import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { LoraClient, LoraEntry, LoraRelation, LoraVirkning } from '#lora';

/** Valid from 2020 on: every seeded fact holds at any "now" the tests read at. */
export const SEEDED_FROM = '2020-01-01T00:00:00+01:00';
const virkning: LoraVirkning = { from: SEEDED_FROM, to: 'infinity' };

const entry = (fields: Record<string, unknown>): LoraEntry => ({ ...fields, virkning });
const rel = (uuid: string, objekttype?: string): LoraRelation => ({
  uuid,
  ...(objekttype ? { objekttype } : {}),
  virkning,
});

/** What {@link seedOrganisation} made. */
export interface SeededOrganisation {
  organisation: string;
  /** Borgerservice: the unit above Byggeri; its manager is Mette. */
  forvaltning: string;
  /** Byggeri: ansvarlig for KLE 27.24.00, manager Anders. */
  byggeri: string;
  /** Byggesagsbehandling: under Byggeri, udfoerende for KLE 27.24.00, no manager of its own. */
  byggesag: string;
  anders: string;
  mette: string;
  /** The KLE klasse 27.24.00 and the gruppe 27.24. */
  kle272400: string;
  kle2724: string;
  /** A klasse for 27.24.00 outside the KLE klassifikation (must not be taken for it). */
  foreign272400: string;
}

/**
 * Seeds an organisation the way OS2mo models it, through LoRA's REST API: units with `overordnet`, brugere, manager
 * functions (`Leder`), the KLE klassifikation with facets `kle_number` and `kle_aspect`, and KLE functions linking a
 * unit to a KLE klasse and an aspect (`Ansvarlig`, `Udførende`).
 */
export async function seedOrganisation(lora: LoraClient): Promise<SeededOrganisation> {
  const organisation = (
    await lora.organisation.create({
      attributter: {
        organisationegenskaber: [entry({ brugervendtnoegle: 'kommune', organisationsnavn: 'Kommune' })],
      },
      tilstande: { organisationgyldighed: [entry({ gyldighed: 'Aktiv' })] },
    })
  ).uuid;
  const unit = async (bvn: string, name: string, parent: string) =>
    (
      await lora.organisationenhed.create({
        attributter: { organisationenhedegenskaber: [entry({ brugervendtnoegle: bvn, enhedsnavn: name })] },
        tilstande: { organisationenhedgyldighed: [entry({ gyldighed: 'Aktiv' })] },
        relationer: { overordnet: [rel(parent)], tilhoerer: [rel(organisation)] },
      })
    ).uuid;
  const forvaltning = await unit('borgerservice', 'Borgerservice', organisation);
  const byggeri = await unit('byggeri', 'Byggeri', forvaltning);
  const byggesag = await unit('byggesag', 'Byggesagsbehandling', byggeri);
  const bruger = async (bvn: string, name: string) =>
    (
      await lora.bruger.create({
        attributter: { brugeregenskaber: [entry({ brugervendtnoegle: bvn, brugernavn: name })] },
        tilstande: { brugergyldighed: [entry({ gyldighed: 'Aktiv' })] },
        relationer: { tilhoerer: [rel(organisation)] },
      })
    ).uuid;
  const anders = await bruger('anders', 'Anders And');
  const mette = await bruger('mette', 'Mette Frederiksen');
  const orgFunction = async (name: string, relationer: Record<string, LoraRelation[]>) =>
    lora.organisationfunktion.create({
      attributter: {
        organisationfunktionegenskaber: [entry({ brugervendtnoegle: `${name}-fn`, funktionsnavn: name })],
      },
      tilstande: { organisationfunktiongyldighed: [entry({ gyldighed: 'Aktiv' })] },
      relationer,
    });
  await orgFunction('Leder', { tilknyttedeenheder: [rel(byggeri)], tilknyttedebrugere: [rel(anders)] });
  await orgFunction('Leder', { tilknyttedeenheder: [rel(forvaltning)], tilknyttedebrugere: [rel(mette)] });

  const klassifikation = async (bvn: string) =>
    (
      await lora.klassifikation.create({
        attributter: { klassifikationegenskaber: [entry({ brugervendtnoegle: bvn, kaldenavn: bvn })] },
        tilstande: { klassifikationpubliceret: [entry({ publiceret: 'Publiceret' })] },
      })
    ).uuid;
  const facet = async (bvn: string, owner: string) =>
    (
      await lora.facet.create({
        attributter: { facetegenskaber: [entry({ brugervendtnoegle: bvn })] },
        tilstande: { facetpubliceret: [entry({ publiceret: 'Publiceret' })] },
        relationer: { facettilhoerer: [rel(owner)] },
      })
    ).uuid;
  const klasse = async (bvn: string, titel: string, inFacet: string) =>
    (
      await lora.klasse.create({
        attributter: { klasseegenskaber: [entry({ brugervendtnoegle: bvn, titel })] },
        tilstande: { klassepubliceret: [entry({ publiceret: 'Publiceret' })] },
        relationer: { facet: [rel(inFacet)] },
      })
    ).uuid;
  const kle = await klassifikation('KLE');
  const numbers = await facet('kle_number', kle);
  const aspects = await facet('kle_aspect', kle);
  const kle272400 = await klasse('27.24.00', 'Byggesager i almindelighed', numbers);
  const kle2724 = await klasse('27.24', 'Byggesager', numbers);
  const ansvarlig = await klasse('Ansvarlig', 'Ansvarlig', aspects);
  const udfoerende = await klasse('Udførende', 'Udførende', aspects);
  const other = await klassifikation('Andet');
  const foreign272400 = await klasse('27.24.00', 'Noget andet', await facet('andet', other));
  const responsible = (unitUuid: string, aspect: string) =>
    orgFunction('KLE', {
      tilknyttedeenheder: [rel(unitUuid)],
      opgaver: [rel(kle272400, 'opgave'), rel(aspect, 'aspekt')],
    });
  await responsible(byggeri, ansvarlig);
  await responsible(byggesag, udfoerende);
  return { organisation, forvaltning, byggeri, byggesag, anders, mette, kle272400, kle2724, foreign272400 };
}

/** A free port on loopback, for an engine whose URL must be known before it starts (its connector settings). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The objects the LoRA benchmark loads: a municipality's worth of brugere, organisationenheder, klasser (KLE-like
 * emner) and sager, with the attributes, states and relations LoRA's own fixtures have. Deterministic: object `i`
 * of a type always looks the same, so two runs search for the same things.
 */

/** How the loaded objects divide between the types (fractions of the total). */
export const TYPE_MIX = [
  { service: 'organisation', type: 'bruger', share: 0.35 },
  { service: 'organisation', type: 'organisationenhed', share: 0.1 },
  { service: 'klassifikation', type: 'klasse', share: 0.15 },
  { service: 'sag', type: 'sag', share: 0.4 },
] as const;

export type BenchTypeName = (typeof TYPE_MIX)[number]['type'];

/** The organisation every object belongs to, and the uuids relations point at that the benchmark does not load. */
export const ORGANISATION_UUID = '456362c4-0ee4-4e5e-a72c-751239745e62';
const ENHEDSTYPE_UUID = '32547559-cfc1-4d97-94c6-70b192eff825';
const FACET_UUID = '7a0ad6b9-2b2d-4f4b-9d5c-0e8f5e1f2a11';

const DEPARTMENTS = [
  'Skole',
  'Børnehave',
  'Jobcenter',
  'Ældrepleje',
  'Vej og Park',
  'Borgerservice',
  'Byggeri',
];
const TOWNS = ['Aarhus', 'Viby', 'Tilst', 'Skejby', 'Lystrup', 'Hasle', 'Brabrand', 'Risskov'];
const GIVEN = ['Anne', 'Bo', 'Camilla', 'Daniel', 'Emma', 'Frederik', 'Ida', 'Jens', 'Karen', 'Lars'];
const FAMILY = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen'];
const TOPICS = [
  'Skolebestyrelse',
  'Byggetilladelse',
  'Parkering',
  'Hjemmehjælp',
  'Ledighedsydelse',
  'Vejbelysning',
];

const virkning = (from: string) => ({ from, to: 'infinity', aktoertypekode: 'Bruger' });
const since = (index: number) => `20${String(10 + (index % 14)).padStart(2, '0')}-0${1 + (index % 9)}-15`;

/** The brugervendtnoegle object `index` of a type gets: what the exact-attribute search looks for. */
export function brugervendtnoegleOf(type: BenchTypeName, index: number): string {
  return `${type.toUpperCase()}-${String(index).padStart(6, '0')}`;
}

export function brugerBody(index: number, enhedUuid: string): Record<string, unknown> {
  const from = since(index);
  const name = `${GIVEN[index % GIVEN.length]} ${FAMILY[Math.floor(index / GIVEN.length) % FAMILY.length]}`;
  return {
    note: 'Indlæst af benchmark',
    attributter: {
      brugeregenskaber: [
        {
          brugervendtnoegle: brugervendtnoegleOf('bruger', index),
          brugernavn: name,
          virkning: virkning(from),
        },
      ],
    },
    tilstande: {
      brugergyldighed: [{ gyldighed: index % 20 === 0 ? 'Inaktiv' : 'Aktiv', virkning: virkning(from) }],
    },
    relationer: {
      tilhoerer: [{ uuid: ORGANISATION_UUID, virkning: virkning(from) }],
      tilknyttedeenheder: [{ uuid: enhedUuid, virkning: virkning(from) }],
    },
  };
}

export function organisationenhedBody(
  index: number,
  parentUuid: string | undefined,
): Record<string, unknown> {
  const from = since(index);
  const name = `${DEPARTMENTS[index % DEPARTMENTS.length]} ${TOWNS[Math.floor(index / DEPARTMENTS.length) % TOWNS.length]} ${index}`;
  return {
    note: 'Indlæst af benchmark',
    attributter: {
      organisationenhedegenskaber: [
        {
          brugervendtnoegle: brugervendtnoegleOf('organisationenhed', index),
          enhedsnavn: name,
          virkning: virkning(from),
        },
      ],
    },
    tilstande: { organisationenhedgyldighed: [{ gyldighed: 'Aktiv', virkning: virkning(from) }] },
    relationer: {
      tilhoerer: [{ uuid: ORGANISATION_UUID, virkning: virkning(from) }],
      overordnet: [{ uuid: parentUuid ?? ORGANISATION_UUID, virkning: virkning(from) }],
      enhedstype: [{ uuid: ENHEDSTYPE_UUID, virkning: virkning(from) }],
    },
  };
}

/** A KLE-like emne: `27.24.00`-style keys. */
export function klasseBody(index: number): Record<string, unknown> {
  const from = since(index);
  const key = `${String(index % 100).padStart(2, '0')}.${String(Math.floor(index / 100) % 100).padStart(2, '0')}.${String(Math.floor(index / 10_000)).padStart(2, '0')}`;
  return {
    note: 'Indlæst af benchmark',
    attributter: {
      klasseegenskaber: [
        {
          brugervendtnoegle: brugervendtnoegleOf('klasse', index),
          titel: `${key} ${TOPICS[index % TOPICS.length]}`,
          beskrivelse: `Emne ${key} om ${TOPICS[index % TOPICS.length].toLowerCase()}`,
          soegeord: [[TOPICS[index % TOPICS.length], 'emne', 'kle']],
          virkning: virkning(from),
        },
      ],
    },
    tilstande: { klassepubliceret: [{ publiceret: 'Publiceret', virkning: virkning(from) }] },
    relationer: {
      facet: [{ uuid: FACET_UUID, virkning: virkning(from) }],
      ansvarlig: [{ uuid: ORGANISATION_UUID, objekttype: 'Organisation', virkning: virkning(from) }],
    },
  };
}

export function sagBody(
  index: number,
  refs: { klasse: string; enhed: string; bruger: string },
): Record<string, unknown> {
  const from = since(index);
  return {
    note: 'Indlæst af benchmark',
    attributter: {
      sagegenskaber: [
        {
          brugervendtnoegle: brugervendtnoegleOf('sag', index),
          sagsnummer: `${2010 + (index % 14)}-${String(index).padStart(6, '0')}`,
          titel: `${TOPICS[index % TOPICS.length]} ${TOWNS[index % TOWNS.length]}`,
          beskrivelse: 'Sag oprettet af benchmark',
          kassationskode: 'kasseret',
          principiel: false,
          afleveret: false,
          virkning: virkning(from),
        },
      ],
    },
    tilstande: {
      sagfremdrift: [{ fremdrift: index % 3 === 0 ? 'Afsluttet' : 'Opstaaet', virkning: virkning(from) }],
    },
    relationer: {
      primaerklasse: [{ uuid: refs.klasse, objekttype: 'Klasse', virkning: virkning(from) }],
      ansvarlig: [{ uuid: refs.enhed, objekttype: 'OrganisationEnhed', virkning: virkning(from) }],
      primaerbehandler: [{ uuid: refs.bruger, objekttype: 'Bruger', virkning: virkning(from) }],
      andrebehandlere: [{ uuid: refs.bruger, objekttype: 'Bruger', indeks: 1, virkning: virkning(from) }],
    },
  };
}

/** The update some objects get after creation: a new title or name from a later date, so they have two registrations. */
export function laterChange(type: BenchTypeName, index: number): Record<string, unknown> {
  const from = '2025-01-01';
  const field: Record<BenchTypeName, [string, string, string]> = {
    bruger: [
      'brugeregenskaber',
      'brugernavn',
      `${GIVEN[(index + 3) % GIVEN.length]} Gift-${FAMILY[index % FAMILY.length]}`,
    ],
    organisationenhed: [
      'organisationenhedegenskaber',
      'enhedsnavn',
      `${DEPARTMENTS[index % DEPARTMENTS.length]} Nord ${index}`,
    ],
    klasse: ['klasseegenskaber', 'titel', `${TOPICS[(index + 1) % TOPICS.length]} (revideret)`],
    sag: ['sagegenskaber', 'titel', `${TOPICS[index % TOPICS.length]} - genoptaget`],
  };
  const [group, name, value] = field[type];
  return {
    note: 'Ændret af benchmark',
    attributter: { [group]: [{ [name]: value, virkning: virkning(from) }] },
  };
}

import { LORA_SCHEMAS, type LoraJsonSchema } from '../schema/lora-schemas.js';

/** The shape every LoRA type shares, read from its schema: attribute groups, state groups and relations. */
export interface LoraObjectType {
  /** The URL's service segment: `organisation`, `klassifikation`, `sag`, `dokument`, `log`… */
  readonly service: string;
  /** The URL's type segment, lower case: `organisationenhed`, `klasse`, `loghaendelse`… */
  readonly name: string;
  /** LoRA's class name, the key of its schema (`OrganisationEnhed`). */
  readonly className: string;
  /** Attribute groups (full key, e.g. `facetegenskaber`) with their fields. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** State groups (full key, e.g. `facetpubliceret`): the state's field (`publiceret`) and its allowed values. */
  readonly states: Readonly<Record<string, { field: string; values: readonly string[] }>>;
  /** Relations with at most one value at a time (cut by virkning period on update). */
  readonly singleRelations: readonly string[];
  /** Relations with any number of values (replaced as a whole on update, or matched by `indeks`). */
  readonly multiRelations: readonly string[];
  /** Sag, Aktivitet, Indsats and Tilstand number their 0..n relations with `indeks`; updates match on it. */
  readonly indexedRelations: boolean;
}

/** Services and their types, as LoRA 1.3 mounts them (`/organisation/organisationenhed`). */
const SERVICES: Record<string, string[]> = {
  organisation: [
    'Organisation',
    'OrganisationEnhed',
    'OrganisationFunktion',
    'Bruger',
    'ItSystem',
    'InteresseFaellesskab',
  ],
  klassifikation: ['Facet', 'Klasse', 'Klassifikation'],
  sag: ['Sag'],
  dokument: ['Dokument'],
  aktivitet: ['Aktivitet'],
  indsats: ['Indsats'],
  tilstand: ['Tilstand'],
  log: ['LogHaendelse'],
};

const INDEXED = new Set(['sag', 'aktivitet', 'indsats', 'tilstand']);

/**
 * LoRA validates no Dokument (its schema is `{"type": "object"}`), so its structure is stated here, from LoRA's
 * database layout: egenskaber, fremdrift, and its relations by cardinality.
 */
const DOKUMENT_STRUCTURE = {
  attributes: {
    dokumentegenskaber: [
      'brugervendtnoegle',
      'beskrivelse',
      'brevdato',
      'kassationskode',
      'major',
      'minor',
      'offentlighedundtaget',
      'titel',
      'dokumenttype',
    ],
  },
  states: {
    dokumentfremdrift: {
      field: 'fremdrift',
      values: [
        'Modtaget',
        'Fordelt',
        'Underudarbejdelse',
        'Underreview',
        'Publiceret',
        'Endeligt',
        'Afleveret',
      ],
    },
  },
  singleRelations: ['nyrevision', 'primaerklasse', 'ejer', 'ansvarlig', 'primaerbehandler', 'fordelttil'],
  multiRelations: [
    'arkiver',
    'besvarelser',
    'udgangspunkter',
    'kommentarer',
    'bilag',
    'andredokumenter',
    'andreklasser',
    'andrebehandlere',
    'parter',
    'kopiparter',
    'tilknyttedesager',
  ],
};

type SchemaNode = {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  maxItems?: number;
  enum?: string[];
};

function structureFromSchema(schema: LoraJsonSchema) {
  const properties = (schema as SchemaNode).properties ?? {};
  const attributes: Record<string, string[]> = {};
  for (const [group, node] of Object.entries(properties.attributter?.properties ?? {})) {
    attributes[group] = Object.keys(node.items?.properties ?? {}).filter((field) => field !== 'virkning');
  }
  const states: Record<string, { field: string; values: string[] }> = {};
  for (const [group, node] of Object.entries(properties.tilstande?.properties ?? {})) {
    const [field, definition] =
      Object.entries(node.items?.properties ?? {}).find(([key]) => key !== 'virkning') ?? [];
    if (field) states[group] = { field, values: definition?.enum ?? [] };
  }
  const relations = Object.entries(properties.relationer?.properties ?? {});
  return {
    attributes,
    states,
    singleRelations: relations.filter(([, node]) => node.maxItems === 1).map(([name]) => name),
    multiRelations: relations.filter(([, node]) => node.maxItems !== 1).map(([name]) => name),
  };
}

/** Every type LoRA serves, in the order of its site map. */
export const LORA_OBJECT_TYPES: readonly LoraObjectType[] = Object.entries(SERVICES).flatMap(
  ([service, classNames]) =>
    classNames.map((className): LoraObjectType => {
      const name = className.toLowerCase();
      return {
        service,
        name,
        className,
        indexedRelations: INDEXED.has(name),
        ...(name === 'dokument' ? DOKUMENT_STRUCTURE : structureFromSchema(LORA_SCHEMAS[className] ?? {})),
      };
    }),
);

/** The type served at `/{service}/{name}`, or undefined. */
export function loraObjectTypeAt(service: string, name: string): LoraObjectType | undefined {
  return LORA_OBJECT_TYPES.find((type) => type.service === service && type.name === name);
}

/** The group key's suffix LoRA uses as the search parameter and in `/fields`: `facetpubliceret` → `publiceret`. */
export function groupSuffix(type: LoraObjectType, group: string): string {
  return group.startsWith(type.name) ? group.slice(type.name.length) : group;
}

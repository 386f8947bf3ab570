/**
 * How LoRA 1.3 keeps a field that is not plain text:
 * - `boolean`: true or false; LoRA also reads the strings `true`/`True`/`1` and `false`/`False`/`0`.
 * - `date`: a calendar date `YYYY-MM-DD` (month and day may have one digit), answered `YYYY-MM-DD`.
 * - `int`: a JSON integer in PostgreSQL's `int` range.
 * - `timestamptz`: an instant as PostgreSQL reads it (no offset: Europe/Copenhagen), answered as PostgreSQL's JSON
 *   form in Europe/Copenhagen, `2014-05-19T14:02:32+02:00`.
 * - `interval`: a duration as PostgreSQL reads it (`2 hours`, `1 day 02:00`, `P1DT2H`), kept to whole seconds and
 *   answered in the `sql_standard` style LoRA's database is set to (`2:00:00`, `1 2:00:00`); an empty string is `0`.
 * - `text`: a string (a number or boolean is kept as its text, as a PostgreSQL `text` column would).
 * - `uuid`: a uuid, answered lower-case as PostgreSQL does.
 * - an enum ({@link LoraEnumType}): one of PostgreSQL enum's labels, exactly.
 * - a composite ({@link LoraCompositeType}): an object of typed members; members without a value are left out, and
 *   one with no member left has no value (LoRA stores NULL).
 */
export type LoraFieldType =
  | 'boolean'
  | 'date'
  | 'int'
  | 'timestamptz'
  | 'interval'
  | 'text'
  | 'uuid'
  | LoraEnumType
  | LoraCompositeType;

/** A PostgreSQL enum of LoRA's database, e.g. `AktivitetAktoerAttrAccepteretKode`. */
export interface LoraEnumType {
  kind: 'enum';
  values: readonly string[];
}

/** A PostgreSQL composite type of LoRA's database, e.g. `JournalNotatType`. */
export interface LoraCompositeType {
  kind: 'composite';
  members: Readonly<Record<string, LoraFieldType>>;
}

const enumOf = (...values: string[]): LoraEnumType => ({ kind: 'enum', values });
const compositeOf = (members: Record<string, LoraFieldType>): LoraCompositeType => ({
  kind: 'composite',
  members,
});

/** `OffentlighedundtagetType`: why a title is withheld from access to documents. */
export const OFFENTLIGHEDUNDTAGET = compositeOf({ alternativtitel: 'text', hjemmel: 'text' });

/**
 * The typed attribute fields, per type and attribute group. Source: LoRA 1.3's database description,
 * magenta-aps/mox `oio_rest/oio_rest/db/db_structure.py` (`attributter_metadata`, the fields with a `type`), and how
 * `oio_rest/oio_rest/db/__init__.py` (`convert_attr_value`) reads each type before PostgreSQL stores it. Itsystem's
 * `konfigurationreference` (`text[]`) and Klasse's `soegeord` are lists of text there and need no conversion.
 */
export const LORA_TYPED_ATTRIBUTE_FIELDS: Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, LoraFieldType>>>>>
> = {
  sag: {
    sagegenskaber: {
      afleveret: 'boolean',
      principiel: 'boolean',
      offentlighedundtaget: OFFENTLIGHEDUNDTAGET,
    },
  },
  dokument: {
    dokumentegenskaber: {
      brevdato: 'date',
      major: 'int',
      minor: 'int',
      offentlighedundtaget: OFFENTLIGHEDUNDTAGET,
    },
  },
  aktivitet: {
    aktivitetegenskaber: {
      starttidspunkt: 'timestamptz',
      sluttidspunkt: 'timestamptz',
      tidsforbrug: 'interval',
    },
  },
  indsats: {
    indsatsegenskaber: {
      starttidspunkt: 'timestamptz',
      sluttidspunkt: 'timestamptz',
    },
  },
};

/**
 * Dokument's variant and part properties, typed in LoRA's `DokumentVariantEgenskaberType` (booleans, read by its
 * `to_bool`) and `DokumentDelEgenskaberType` (`indeks`, an int): magenta-aps/mox `oio_rest/oio_rest/db/db_helpers.py`.
 */
export const DOKUMENT_VARIANT_PROPERTY_TYPES: Readonly<Record<string, LoraFieldType>> = {
  arkivering: 'boolean',
  delvisscannet: 'boolean',
  offentliggoerelse: 'boolean',
  produktion: 'boolean',
};
export const DOKUMENT_PART_PROPERTY_TYPES: Readonly<Record<string, LoraFieldType>> = { indeks: 'int' };

/** A typed field of a relation entry, and the relations LoRA's database keeps it on (absent: every relation). */
export interface LoraRelationField {
  type: LoraFieldType;
  keptOn?: readonly string[];
}

const INDEKS: LoraRelationField = { type: 'int' };

/**
 * The typed fields of relation entries, per type. Source: magenta-aps/mox `db_structure.py`
 * (`relationer_metadata`), the composite and enum types of `db/sql/declarations/templates/dbtyper-specific.jinja.sql`
 * (`JournalNotatType`, `JournalPostDokumentAttrType`, `AktivitetAktoerAttr`, `TilstandVaerdiRelationAttrType`,
 * `SagRelationJournalPostSpecifikKode`), and `as_create_or_import.jinja.sql`, which keeps `journalpostkode` only on
 * `journalpost`, `aktoerattr` only on `udfoerer`, `deltager` and `ansvarlig`, and `tilstandsvaerdiattr` only on
 * `tilstandsvaerdi`, and drops them elsewhere.
 */
export const LORA_TYPED_RELATION_FIELDS: Readonly<
  Record<string, Readonly<Record<string, LoraRelationField>>>
> = {
  sag: {
    indeks: INDEKS,
    journalpostkode: {
      type: enumOf('journalnotat', 'vedlagtdokument', 'tilakteretdokument'),
      keptOn: ['journalpost'],
    },
    journalnotat: { type: compositeOf({ titel: 'text', notat: 'text', format: 'text' }) },
    journaldokument: {
      type: compositeOf({ dokumenttitel: 'text', offentlighedundtaget: OFFENTLIGHEDUNDTAGET }),
    },
  },
  aktivitet: {
    indeks: INDEKS,
    aktoerattr: {
      type: compositeOf({
        obligatorisk: enumOf('noedvendig', 'valgfri'),
        accepteret: enumOf('accepteret', 'foreloebigt', 'afslaaet'),
        repraesentation_uuid: 'uuid',
        repraesentation_urn: 'text',
      }),
      keptOn: ['udfoerer', 'deltager', 'ansvarlig'],
    },
  },
  indsats: { indeks: INDEKS },
  tilstand: {
    indeks: INDEKS,
    tilstandsvaerdiattr: {
      type: compositeOf({ forventet: 'boolean', nominelvaerdi: 'text' }),
      keptOn: ['tilstandsvaerdi'],
    },
  },
};

/** The scalar types a search compares by value rather than as text (LoRA's `=` on the typed column). */
export type LoraSearchableFieldType = 'boolean' | 'date' | 'int' | 'timestamptz' | 'interval';

/** The type of an attribute field a search compares by value, or undefined for a text (or composite) field. */
export function searchableFieldType(typeName: string, field: string): LoraSearchableFieldType | undefined {
  for (const fields of Object.values(LORA_TYPED_ATTRIBUTE_FIELDS[typeName] ?? {})) {
    const fieldType = fields[field];
    if (typeof fieldType === 'string' && fieldType !== 'text' && fieldType !== 'uuid') return fieldType;
  }
  return undefined;
}

/**
 * How LoRA 1.3 keeps a field that is not plain text:
 * - `boolean`: true or false; LoRA also reads the strings `true`/`True`/`1` and `false`/`False`/`0`.
 * - `date`: a calendar date `YYYY-MM-DD` (month and day may have one digit), answered `YYYY-MM-DD`.
 * - `int`: a JSON integer in PostgreSQL's `int` range.
 * - `timestamptz`: an instant as PostgreSQL reads it (no offset: Europe/Copenhagen), answered as PostgreSQL's JSON
 *   form in Europe/Copenhagen, `2014-05-19T14:02:32+02:00`.
 * - `interval`: a duration as PostgreSQL reads it (`2 hours`, `1 day 02:00`, `P1DT2H`), kept to whole seconds and
 *   answered in the `sql_standard` style LoRA's database is set to (`2:00:00`, `1 2:00:00`); an empty string is `0`.
 * - `offentlighedundtaget`: an object with the strings `alternativtitel` and `hjemmel`.
 */
export type LoraFieldType = 'boolean' | 'date' | 'int' | 'timestamptz' | 'interval' | 'offentlighedundtaget';

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
      offentlighedundtaget: 'offentlighedundtaget',
    },
  },
  dokument: {
    dokumentegenskaber: {
      brevdato: 'date',
      major: 'int',
      minor: 'int',
      offentlighedundtaget: 'offentlighedundtaget',
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

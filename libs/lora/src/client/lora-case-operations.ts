import { LoraClientError } from './lora-client-error.js';
import type { LoraFilePart, LoraObjectInput, LoraTime, LoraVirkning } from './lora-client-types.js';
import { relationsOf } from './lora-registration-values.js';
import type { LoraTypeClient } from './lora-type-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A relation target: a uuid, or a urn (`urn:oio:cpr-nr:…` for a citizen who is no bruger). */
export function target(value: string, what: string): { uuid: string } | { urn: string } {
  if (UUID.test(value)) return { uuid: value.toLowerCase() };
  if (/^urn:/i.test(value)) return { urn: value };
  throw new TypeError(`${what}: expected a uuid or a urn`);
}

export function virkningFrom(from: LoraTime): LoraVirkning {
  return { from: from instanceof Date ? from.toISOString() : from, to: 'infinity' };
}

export interface CreateSagInput {
  titel: string;
  /** The klasse the case is about: its KLE number's klasse (uuid). */
  primaerklasse: string;
  /** The responsible organisation unit (uuid). */
  ansvarlig: string;
  /** The primary party: a bruger's uuid, or a urn (`urn:oio:cpr-nr:…`, `urn:oio:cvr-nr:…`). */
  primaerpart: string;
  /** Defaults to the sag's uuid. */
  sagsnummer?: string;
  /** Defaults to the sagsnummer. */
  brugervendtnoegle?: string;
  beskrivelse?: string;
  /** LoRA requires one; default `''` (to be set by the retention rules of the KLE number). */
  kassationskode?: string;
  /** The case handler (a bruger uuid). */
  primaerbehandler?: string;
  /** Sagfremdrift, default `Opstaaet`. */
  fremdrift?: 'Opstaaet' | 'Oplyst' | 'Afgjort' | 'Bestilt' | 'Udfoert' | 'Afsluttet';
  /** When the case holds from (its virkning); the facts hold until further notice. */
  virkningFra: LoraTime;
  /**
   * The sag's uuid: with one, the case is imported there unless it exists already — so a retried create makes no
   * second case. Without one LoRA chooses.
   */
  uuid?: string;
  note?: string;
}

export interface CreateSagResult {
  uuid: string;
  sagsnummer: string;
  /** False when a sag with the uuid existed already (a retried create): nothing was written. */
  created: boolean;
}

/** Creates a Sag with primaerklasse, ansvarlig and primaerpart (and fremdrift Opstaaet); idempotent with `uuid`. */
export async function createSag(sag: LoraTypeClient, input: CreateSagInput): Promise<CreateSagResult> {
  if (input.uuid !== undefined && !UUID.test(input.uuid)) throw new TypeError('uuid: expected a uuid');
  const uuid = input.uuid?.toLowerCase();
  if (uuid !== undefined && (await exists(sag, uuid))) {
    const existing = await sag.read(uuid, 'now');
    const sagsnummer = existing.registreringer[0]?.attributter?.['sagegenskaber']?.[0]?.['sagsnummer'];
    return { uuid, sagsnummer: typeof sagsnummer === 'string' ? sagsnummer : uuid, created: false };
  }
  const virkning = virkningFrom(input.virkningFra);
  const body = (sagsnummer: string): LoraObjectInput => ({
    ...(input.note === undefined ? {} : { note: input.note }),
    attributter: {
      sagegenskaber: [
        {
          brugervendtnoegle: input.brugervendtnoegle ?? sagsnummer,
          sagsnummer,
          titel: input.titel,
          beskrivelse: input.beskrivelse ?? '',
          kassationskode: input.kassationskode ?? '',
          virkning,
        },
      ],
    },
    tilstande: { sagfremdrift: [{ fremdrift: input.fremdrift ?? 'Opstaaet', virkning }] },
    relationer: {
      primaerklasse: [{ ...target(input.primaerklasse, 'primaerklasse'), objekttype: 'Klasse', virkning }],
      ansvarlig: [{ ...target(input.ansvarlig, 'ansvarlig'), objekttype: 'OrganisationEnhed', virkning }],
      primaerpart: [{ ...target(input.primaerpart, 'primaerpart'), virkning }],
      ...(input.primaerbehandler === undefined
        ? {}
        : {
            primaerbehandler: [
              { ...target(input.primaerbehandler, 'primaerbehandler'), objekttype: 'Bruger', virkning },
            ],
          }),
    },
  });
  if (uuid !== undefined) {
    const sagsnummer = input.sagsnummer ?? uuid;
    await sag.import(uuid, body(sagsnummer));
    return { uuid, sagsnummer, created: true };
  }
  if (input.sagsnummer === undefined) {
    // LoRA chooses the uuid, and the sagsnummer defaults to it: create, then set it.
    const created = await sag.create(body('-'));
    await sag.update(created.uuid, {
      attributter: {
        sagegenskaber: [
          { sagsnummer: created.uuid, brugervendtnoegle: input.brugervendtnoegle ?? created.uuid, virkning },
        ],
      },
    });
    return { uuid: created.uuid, sagsnummer: created.uuid, created: true };
  }
  const created = await sag.create(body(input.sagsnummer));
  return { uuid: created.uuid, sagsnummer: input.sagsnummer, created: true };
}

export interface JournaliseInput {
  titel: string;
  brugervendtnoegle?: string;
  beskrivelse?: string;
  dokumenttype?: string;
  /** The letter's date (`YYYY-MM-DD`). */
  brevdato?: string;
  /** Whether (and why) the title is withheld from the public: the title shown instead and the legal basis. */
  offentlighedundtaget?: { alternativtitel: string; hjemmel: string };
  /** Dokumentfremdrift, default `Endeligt`. */
  fremdrift?:
    'Modtaget' | 'Fordelt' | 'Underudarbejdelse' | 'Underreview' | 'Publiceret' | 'Endeligt' | 'Afleveret';
  /** The file, stored by LoRA as the document's part `original`. */
  fil?: { filename: string; mimetype: string; content: Buffer };
  virkningFra: LoraTime;
  /** The dokument's uuid: with one, a retried journalisation neither makes a second dokument nor a second journalpost. */
  uuid?: string;
}

export interface JournaliseResult {
  dokumentUuid: string;
  sagUuid: string;
  /** False when the sag had the journalpost already (a retried journalisation): nothing was written. */
  journalised: boolean;
}

/**
 * Journalises a document on a Sag: creates the Dokument (with its file as LoRA's multipart upload) and adds a
 * journalpost (`vedlagtdokument`, with the title and offentlighedundtaget) to the sag's relations; the sag's other
 * journalposts stay (LoRA numbers the new one's `indeks`).
 */
export async function journaliseDokument(
  types: { readonly sag: LoraTypeClient; readonly dokument: LoraTypeClient },
  sagUuid: string,
  input: JournaliseInput,
): Promise<JournaliseResult> {
  if (input.uuid !== undefined && !UUID.test(input.uuid)) throw new TypeError('uuid: expected a uuid');
  const sag = await types.sag.read(sagUuid, 'now');
  let dokumentUuid = input.uuid?.toLowerCase();
  if (
    dokumentUuid !== undefined &&
    relationsOf(sag, 'journalpost').some((post) => post.uuid === dokumentUuid)
  ) {
    return { dokumentUuid, sagUuid, journalised: false };
  }
  const virkning = virkningFrom(input.virkningFra);
  const files: LoraFilePart[] = input.fil
    ? [
        {
          field: 'original',
          filename: input.fil.filename,
          mimetype: input.fil.mimetype,
          content: input.fil.content,
        },
      ]
    : [];
  const dokument: LoraObjectInput = {
    attributter: {
      dokumentegenskaber: [
        {
          brugervendtnoegle: input.brugervendtnoegle ?? input.titel,
          titel: input.titel,
          ...(input.beskrivelse === undefined ? {} : { beskrivelse: input.beskrivelse }),
          ...(input.dokumenttype === undefined ? {} : { dokumenttype: input.dokumenttype }),
          ...(input.brevdato === undefined ? {} : { brevdato: input.brevdato }),
          ...(input.offentlighedundtaget === undefined
            ? {}
            : { offentlighedundtaget: input.offentlighedundtaget }),
          virkning,
        },
      ],
    },
    tilstande: { dokumentfremdrift: [{ fremdrift: input.fremdrift ?? 'Endeligt', virkning }] },
    ...(input.fil
      ? {
          varianter: [
            {
              varianttekst: 'original',
              egenskaber: [
                {
                  arkivering: true,
                  delvisscannet: false,
                  offentliggoerelse: false,
                  produktion: true,
                  virkning,
                },
              ],
              dele: [
                {
                  deltekst: 'original',
                  egenskaber: [
                    {
                      indeks: 1,
                      indhold: 'field:original',
                      lokation: input.fil.filename,
                      mimetype: input.fil.mimetype,
                      virkning,
                    },
                  ],
                },
              ],
            },
          ],
        }
      : {}),
  };
  if (dokumentUuid === undefined) dokumentUuid = (await types.dokument.create(dokument, { files })).uuid;
  else if (!(await exists(types.dokument, dokumentUuid)))
    await types.dokument.import(dokumentUuid, dokument, { files });
  await types.sag.update(sagUuid, {
    relationer: {
      journalpost: [
        {
          uuid: dokumentUuid,
          objekttype: 'Dokument',
          journalpostkode: 'vedlagtdokument',
          journaldokument: {
            dokumenttitel: input.titel,
            offentlighedundtaget: input.offentlighedundtaget ?? { alternativtitel: '', hjemmel: '' },
          },
          virkning,
        },
      ],
    },
  });
  return { dokumentUuid, sagUuid, journalised: true };
}

/** Whether an object with the uuid exists now (a deleted one counts as absent: an import may re-create it). */
async function exists(type: LoraTypeClient, uuid: string): Promise<boolean> {
  try {
    await type.read(uuid, 'now');
    return true;
  } catch (error) {
    if (error instanceof LoraClientError && (error.kind === 'not-found' || error.kind === 'deleted'))
      return false;
    throw error;
  }
}

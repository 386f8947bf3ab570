import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LoraRequestError } from './api/lora-request.error.js';
import {
  loraParametersOf,
  refuseUnknownParameters,
  TEMPORAL_PARAMETERS,
  timeSliceOf,
  type LoraTimeSlice,
} from './api/lora-parameters.js';
import {
  canonicalJson,
  contentOfRequest,
  renderContent,
  type LoraContent,
} from './registration/lora-content.js';
import { withUploadedContents, type UploadedFilePart } from './registration/document-contents.js';
import { checkTransition } from './registration/lora-lifecycle.js';
import { mergeUpdate, withoutEmptyGroups } from './registration/lora-merge.js';
import { LoraValidator } from './registration/lora-validator.js';
import { withTypedValues } from './registration/typed-attribute-values.js';
import { typedSearchValuesOf } from './registration/typed-search-values.js';
import {
  LoraRegistrationStore,
  type LoraScope,
  type StoredRegistration,
  type WriteOutcome,
} from './store/lora-registration-store.js';
import { checkedUuid, isSearchParameter, searchQueryOf } from './store/lora-search-query.js';
import { formatRegistrationTime } from './time/lora-time.js';

/** Who writes, and the registration they read if the write is conditional (`If-Match`). */
export interface LoraWriter {
  brugerref: string;
  expectedRegistration?: string;
  /** The file parts of a multipart Dokument request, which parts' `indhold: "field:<name>"` refer to. */
  files?: readonly UploadedFilePart[];
}

/** An object as LoRA answers it: its uuid and its registrations in the slice. */
export interface LoraObjectView {
  id: string;
  registreringer: Array<Record<string, unknown>>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of a write: a JSON object, or the 400 LoRA gives. */
function bodyObject(body: unknown): Record<string, unknown> {
  if (!isObject(body) || Object.keys(body).length === 0) {
    throw new LoraRequestError('The request needs a JSON object body (content-type application/json)');
  }
  return body;
}

/** LoRA reads `note` only as a string; anything else is a 400 (its `typed_get`). */
function noteOf(body: Record<string, unknown>): string {
  const note = body.note ?? '';
  if (typeof note !== 'string')
    throw new LoraRequestError(`note: expected a string, found ${JSON.stringify(note)}`);
  return note;
}

/**
 * LoRA's operations on one type's objects: create, import/overwrite, update, passivate, delete, read, list and
 * search, over the bitemporal store. Every operation is scoped to the caller's tenant.
 */
@Injectable()
export class LoraObjectService {
  private readonly validator = new LoraValidator();

  constructor(private readonly store: LoraRegistrationStore) {}

  /** Create (POST): a new object, lifecycle Opstaaet. */
  async create(scope: LoraScope, body: unknown, writer: LoraWriter): Promise<WriteOutcome> {
    const input = bodyObject(body);
    this.validator.validate(scope.type, input);
    const { content, uploads } = withUploadedContents(
      withoutEmptyGroups(await this.typedContentOfRequest(scope, input, false)),
      writer.files ?? [],
      new Date(),
    );
    const note = noteOf(input);
    return this.store.write(scope, randomUUID(), writer.brugerref, () => ({
      livscykluskode: 'Opstaaet',
      content,
      note,
      uploads,
    }));
  }

  /**
   * Import (PUT to a uuid): creates the object if it does not exist, or re-imports a passivated or deleted one
   * (Importeret); overwrites a live one whole, every virkning period included (Rettet).
   */
  async importObject(
    scope: LoraScope,
    uuid: string,
    body: unknown,
    writer: LoraWriter,
  ): Promise<WriteOutcome> {
    const input = bodyObject(body);
    this.validator.validate(scope.type, input);
    const { content, uploads } = withUploadedContents(
      withoutEmptyGroups(await this.typedContentOfRequest(scope, input, false)),
      writer.files ?? [],
      new Date(),
    );
    const note = noteOf(input);
    return this.store.write(
      scope,
      checkedUuid(uuid, 'uuid'),
      writer.brugerref,
      (current) => {
        if (!current || current.livscykluskode === 'Passiveret' || current.livscykluskode === 'Slettet') {
          return { livscykluskode: 'Importeret', content, note, uploads };
        }
        return { livscykluskode: 'Rettet', content, note, uploads };
      },
      writer.expectedRegistration,
    );
  }

  /**
   * Update (PATCH) by LoRA's merge rules, or passivate when the body says `"livscyklus": "Passiv"`. An update that
   * changes nothing writes no registration and answers as a successful one (LoRA 1.3's behaviour).
   */
  async update(scope: LoraScope, uuid: string, body: unknown, writer: LoraWriter): Promise<WriteOutcome> {
    const input = bodyObject(body);
    const note = noteOf(input);
    const livscyklus = input.livscyklus;
    if (
      livscyklus !== undefined &&
      (typeof livscyklus !== 'string' || livscyklus.toLowerCase() !== 'passiv')
    ) {
      throw new LoraRequestError(
        `livscyklus: the only lifecycle an update can ask for is 'Passiv', found ${JSON.stringify(livscyklus)}`,
      );
    }
    const passivate = livscyklus !== undefined;
    const { content: update, uploads } = passivate
      ? { content: undefined, uploads: [] }
      : withUploadedContents(
          await this.typedContentOfRequest(scope, input, true),
          writer.files ?? [],
          new Date(),
        );
    return this.store.write(
      scope,
      checkedUuid(uuid, 'uuid'),
      writer.brugerref,
      (current) => {
        const existing = this.existing(scope, uuid, current);
        if (passivate) {
          checkTransition(existing.livscykluskode, 'Passiveret', `${scope.type.className} ${uuid}`);
          return { livscykluskode: 'Passiveret', content: existing.content, note };
        }
        checkTransition(existing.livscykluskode, 'Rettet', `${scope.type.className} ${uuid}`);
        const merged = mergeUpdate(scope.type, existing.content, update as LoraContent);
        if (canonicalJson(merged) === canonicalJson(existing.content)) return 'unchanged';
        return { livscykluskode: 'Rettet', content: merged, note, uploads };
      },
      writer.expectedRegistration,
    );
  }

  /** Delete (DELETE): a registration with lifecycle Slettet; the history stays, reading the object answers 410. */
  async delete(scope: LoraScope, uuid: string, body: unknown, writer: LoraWriter): Promise<WriteOutcome> {
    const note = isObject(body) ? noteOf(body) : '';
    return this.store.write(
      scope,
      checkedUuid(uuid, 'uuid'),
      writer.brugerref,
      (current) => {
        const existing = this.existing(scope, uuid, current);
        checkTransition(existing.livscykluskode, 'Slettet', `${scope.type.className} ${uuid}`);
        return { livscykluskode: 'Slettet', content: existing.content, note };
      },
      writer.expectedRegistration,
    );
  }

  /** A write's content, with the fields LoRA keeps typed in LoRA's form (a 400 names a value of the wrong type). */
  private typedContentOfRequest(
    scope: LoraScope,
    input: Record<string, unknown>,
    forUpdate: boolean,
  ): Promise<LoraContent> {
    return withTypedValues(
      scope.type,
      contentOfRequest(scope.type, input, forUpdate),
      forUpdate,
      this.store.readPostgresValue,
    );
  }

  /** A Dokument part's file content by the path of its `store:` URL; 404 when the tenant has none there. */
  async documentContent(tenantId: string, path: string): Promise<{ mimetype: string | null; bytes: Buffer }> {
    const found = await this.store.documentContent(tenantId, path);
    if (!found) throw new LoraRequestError(`No document content at store:${path}`, 404);
    return found;
  }

  private existing(
    scope: LoraScope,
    uuid: string,
    current: StoredRegistration | undefined,
  ): StoredRegistration {
    if (!current)
      throw new LoraRequestError(
        `No ${scope.type.className} with ID ${uuid} found in service ${scope.type.service}`,
        404,
      );
    return current;
  }

  /** Read (GET /{uuid}): the object in the slice the parameters choose; 404 unknown, 410 deleted. */
  async read(
    scope: LoraScope,
    uuid: string,
    url: string,
    now: number,
  ): Promise<{ view: LoraObjectView; etag?: string }> {
    const parameters = loraParametersOf(url);
    refuseUnknownParameters(parameters, (name) => (TEMPORAL_PARAMETERS as readonly string[]).includes(name));
    const slice = timeSliceOf(parameters, now);
    const registrations = await this.store.registrations(scope, [checkedUuid(uuid, 'uuid')], slice);
    const newest = registrations[registrations.length - 1];
    if (!newest) {
      throw new LoraRequestError(
        `No ${scope.type.className} with ID ${uuid} found in service ${scope.type.service}`,
        404,
      );
    }
    if (newest.livscykluskode === 'Slettet') throw new LoraRequestError('This object has been deleted.', 410);
    return {
      view: objectView(newest.uuid, registrations, slice),
      ...(newest.registeredTo === null ? { etag: newest.id } : {}),
    };
  }

  /**
   * GET on the type: a list of whole objects when only `uuid` (repeatable) and time parameters are given, else a
   * search answering uuids (whole objects with `list=true`).
   */
  async listOrSearch(scope: LoraScope, url: string, now: number): Promise<{ results: unknown[][] }> {
    const parameters = loraParametersOf(url);
    refuseUnknownParameters(parameters, (name) => isSearchParameter(scope, name));
    const slice = timeSliceOf(parameters, now);
    const isList =
      parameters.has('uuid') &&
      [...parameters.keys()].every(
        (name) => name === 'uuid' || (TEMPORAL_PARAMETERS as readonly string[]).includes(name),
      );
    if (isList) {
      const uuids = (parameters.get('uuid') ?? []).map((uuid) => checkedUuid(uuid, 'uuid'));
      return { results: [await this.objects(scope, uuids, slice)] };
    }
    if ((parameters.get('uuid')?.length ?? 0) > 1) {
      throw new LoraRequestError(
        'Multiple uuid parameters passed to search operation. Only one uuid parameter is supported.',
      );
    }
    const typedValues = await typedSearchValuesOf(scope.type, parameters, this.store.readPostgresValue);
    const search = searchQueryOf(scope, parameters, slice, typedValues);
    const uuids = await this.store.search(search.sql, search.parameters);
    return { results: [search.listObjects ? await this.objects(scope, uuids, slice) : uuids] };
  }

  private async objects(scope: LoraScope, uuids: string[], slice: LoraTimeSlice): Promise<LoraObjectView[]> {
    const registrations = await this.store.registrations(scope, uuids, slice);
    const byUuid = new Map<string, StoredRegistration[]>();
    for (const registration of registrations) {
      byUuid.set(registration.uuid, [...(byUuid.get(registration.uuid) ?? []), registration]);
    }
    return uuids
      .filter((uuid) => byUuid.has(uuid))
      .map((uuid) => objectView(uuid, byUuid.get(uuid) ?? [], slice));
  }
}

function objectView(uuid: string, registrations: StoredRegistration[], slice: LoraTimeSlice): LoraObjectView {
  return {
    id: uuid,
    registreringer: registrations.map((registration) => ({
      fratidspunkt: {
        tidsstempeldatotid: formatRegistrationTime(registration.registeredFrom),
        graenseindikator: true,
      },
      tiltidspunkt: {
        tidsstempeldatotid:
          registration.registeredTo === null ? 'infinity' : formatRegistrationTime(registration.registeredTo),
      },
      livscykluskode: registration.livscykluskode,
      brugerref: registration.brugerref,
      ...(registration.note ? { note: registration.note } : {}),
      ...renderContent(registration.content, slice.virkning),
    })),
  };
}

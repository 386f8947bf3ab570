import { LoraClientError } from './lora-client-error.js';
import {
  LORA_TYPE_PATHS,
  type LoraObject,
  type LoraObjectInput,
  type LoraObjectUpdate,
  type LoraPaging,
  type LoraSearchFilters,
  type LoraTime,
  type LoraTimeRange,
  type LoraTimeSlice,
  type LoraTypeName,
  type LoraWriteOptions,
  type LoraWriteResult,
} from './lora-client-types.js';
import { multipartBody, type LoraHttpRequest, type LoraTransport } from './lora-transport.js';

/** A LoRA timestamp parameter: ISO 8601 for a Date, the text as given otherwise. */
function timeText(time: LoraTime): string {
  return time instanceof Date ? time.toISOString() : time;
}

/** The query parameters of a slice: nothing for `'now'`, both instants otherwise. */
export function sliceParameters(at: LoraTimeSlice | LoraTimeRange): Array<[string, string]> {
  if (at === 'now') return [];
  if ('virkningstid' in at) {
    return [
      ['virkningstid', timeText(at.virkningstid)],
      ['registreringstid', timeText(at.registreringstid)],
    ];
  }
  return [
    ['virkningFra', timeText(at.virkningFra)],
    ['virkningTil', timeText(at.virkningTil)],
    ['registreretFra', timeText(at.registreretFra)],
    ['registreretTil', timeText(at.registreretTil)],
  ];
}

function isSlice(value: unknown): value is LoraTimeSlice | LoraTimeRange {
  return (
    value === 'now' ||
    (typeof value === 'object' &&
      value !== null &&
      ('virkningstid' in value || 'virkningFra' in value) &&
      ('registreringstid' in value || 'registreretFra' in value))
  );
}

/**
 * The operations LoRA offers on one type (`client.organisationenhed.read(…)`): create, read, list, search, update,
 * passivate, delete and import. Every read names its time slice; every error is a {@link LoraClientError} with
 * LoRA's message.
 */
export class LoraTypeClient {
  private readonly path: string;

  constructor(
    readonly type: LoraTypeName,
    private readonly baseUrl: string,
    private readonly transport: LoraTransport,
  ) {
    this.path = LORA_TYPE_PATHS[type];
  }

  /** Creates the object (livscyklus Opstaaet); LoRA chooses the uuid. */
  async create(object: LoraObjectInput, options: LoraWriteOptions = {}): Promise<LoraWriteResult> {
    return this.write('POST', this.path, this.path, object, options);
  }

  /** The object's registration at the slice (`'now'` or both instants), or every registration in the ranges. */
  async read(uuid: string, at: LoraTimeSlice | LoraTimeRange): Promise<LoraObject> {
    if (!isSlice(at))
      throw new TypeError("read: name the time slice: 'now' or {virkningstid, registreringstid}");
    const body = await this.json<Record<string, LoraObject[]>>(
      'GET',
      `${this.path}/${encodeURIComponent(uuid)}`,
      `${this.path}/{uuid}`,
      sliceParameters(at),
    );
    const object = body[uuid]?.[0] ?? Object.values(body)[0]?.[0];
    if (!object) throw new LoraClientError(200, 'the answer names no object', 'GET', `${this.path}/{uuid}`);
    return object;
  }

  /** The objects with these uuids at the slice (LoRA's list: `?uuid=a&uuid=b`); unknown uuids are left out. */
  async list(uuids: readonly string[], at: LoraTimeSlice | LoraTimeRange): Promise<LoraObject[]> {
    if (uuids.length === 0) return [];
    const body = await this.json<{ results?: LoraObject[][] }>('GET', this.path, this.path, [
      ...uuids.map((uuid): [string, string] => ['uuid', uuid]),
      ...sliceParameters(at),
    ]);
    return body.results?.[0] ?? [];
  }

  /** The uuids of the objects matching every filter at the slice (`%` is a wildcard; case-insensitive). */
  async search(
    filters: LoraSearchFilters,
    at: LoraTimeSlice | LoraTimeRange,
    paging: LoraPaging = {},
  ): Promise<string[]> {
    const body = await this.json<{ results?: string[][] }>(
      'GET',
      this.path,
      this.path,
      this.searchParameters(filters, at, paging),
    );
    return body.results?.[0] ?? [];
  }

  /** Like {@link search}, with the whole objects (`list=true`). */
  async searchObjects(
    filters: LoraSearchFilters,
    at: LoraTimeSlice | LoraTimeRange,
    paging: LoraPaging = {},
  ): Promise<LoraObject[]> {
    const body = await this.json<{ results?: LoraObject[][] }>('GET', this.path, this.path, [
      ...this.searchParameters(filters, at, paging),
      ['list', 'true'],
    ]);
    return body.results?.[0] ?? [];
  }

  /** Changes what the update names, by LoRA's merge rules (an update that changes nothing writes nothing). */
  async update(
    uuid: string,
    update: LoraObjectUpdate,
    options: LoraWriteOptions = {},
  ): Promise<LoraWriteResult> {
    return this.write(
      'PATCH',
      `${this.path}/${encodeURIComponent(uuid)}`,
      `${this.path}/{uuid}`,
      update,
      options,
    );
  }

  /** Passivates the object (livscyklus Passiveret). */
  async passivate(uuid: string, note?: string, options: LoraWriteOptions = {}): Promise<LoraWriteResult> {
    return this.update(
      uuid,
      { livscyklus: 'Passiv', ...(note === undefined ? {} : { note }) } as LoraObjectUpdate,
      options,
    );
  }

  /** Deletes the object (202; reading it then answers 410). */
  async delete(uuid: string, note?: string, options: LoraWriteOptions = {}): Promise<LoraWriteResult> {
    return this.write(
      'DELETE',
      `${this.path}/${encodeURIComponent(uuid)}`,
      `${this.path}/{uuid}`,
      note === undefined ? {} : { note },
      options,
    );
  }

  /** Imports the object at a uuid of the caller's choosing, or overwrites it (Importeret or Rettet). */
  async import(
    uuid: string,
    object: LoraObjectInput,
    options: LoraWriteOptions = {},
  ): Promise<LoraWriteResult> {
    return this.write(
      'PUT',
      `${this.path}/${encodeURIComponent(uuid)}`,
      `${this.path}/{uuid}`,
      object,
      options,
    );
  }

  private searchParameters(
    filters: LoraSearchFilters,
    at: LoraTimeSlice | LoraTimeRange,
    paging: LoraPaging,
  ): Array<[string, string]> {
    if (!isSlice(at))
      throw new TypeError("search: name the time slice: 'now' or {virkningstid, registreringstid}");
    const parameters: Array<[string, string]> = [];
    for (const [name, value] of Object.entries(filters)) {
      for (const one of typeof value === 'string' ? [value] : value) parameters.push([name, one]);
    }
    if (parameters.length === 0)
      throw new TypeError('search: give at least one filter (LoRA lists nothing without one)');
    if (paging.foersteresultat !== undefined)
      parameters.push(['foersteresultat', String(paging.foersteresultat)]);
    if (paging.maximalantalresultater !== undefined)
      parameters.push(['maximalantalresultater', String(paging.maximalantalresultater)]);
    return [...parameters, ...sliceParameters(at)];
  }

  private async write(
    method: LoraHttpRequest['method'],
    path: string,
    pathTemplate: string,
    body: unknown,
    options: LoraWriteOptions,
  ): Promise<LoraWriteResult> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch.replace(/^W\/|"/g, '')}"`;
    let payload: string | Buffer;
    if (options.files && options.files.length > 0) {
      const multipart = multipartBody(body, options.files);
      headers['content-type'] = multipart.contentType;
      payload = multipart.body;
    } else {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await this.send({
      method,
      url: this.baseUrl + path,
      pathTemplate,
      headers,
      body: payload,
    });
    const answer = parse(response.body) as { uuid?: unknown } | undefined;
    if (typeof answer?.uuid !== 'string')
      throw new LoraClientError(response.status, 'the answer names no uuid', method, pathTemplate);
    const etag = response.header('etag')?.replace(/^W\/|"/g, '');
    return { uuid: answer.uuid, ...(etag ? { etag } : {}) };
  }

  private async json<T>(
    method: LoraHttpRequest['method'],
    path: string,
    pathTemplate: string,
    parameters: Array<[string, string]>,
  ): Promise<T> {
    const query = new URLSearchParams(parameters).toString();
    const response = await this.send({
      method,
      url: `${this.baseUrl}${path}${query ? `?${query}` : ''}`,
      pathTemplate,
      headers: { accept: 'application/json' },
    });
    const body = parse(response.body);
    if (typeof body !== 'object' || body === null)
      throw new LoraClientError(response.status, 'the answer is not a JSON object', method, pathTemplate);
    return body as T;
  }

  /** Sends the request; a status other than 2xx becomes a {@link LoraClientError} with LoRA's message. */
  private async send(request: LoraHttpRequest) {
    const response = await this.transport(request);
    if (response.status >= 200 && response.status < 300) return response;
    const message = (parse(response.body) as { message?: unknown } | undefined)?.message;
    throw new LoraClientError(
      response.status,
      typeof message === 'string' ? message : `no LoRA message (${response.body.length} bytes)`,
      request.method,
      request.pathTemplate,
    );
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Req,
  Res,
  UploadedFiles,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { CurrentCaller, NO_TENANT, RequiresRole, type Caller } from '#camunda-rest';
import { LoraObjectService, type LoraWriter } from '../lora-object.service.js';
import { LORA_OBJECT_TYPES, loraObjectTypeAt, groupSuffix } from '../object-types/lora-object-types.js';
import { CONTENT_PATH, type UploadedFilePart } from '../registration/document-contents.js';
import { LORA_SCHEMAS } from '../schema/lora-schemas.js';
import type { LoraScope } from '../store/lora-registration-store.js';
import { LoraExceptionFilter } from './lora-exception.filter.js';
import { loraParametersOf, refuseUnknownParameters } from './lora-parameters.js';
import { LoraRequestError } from './lora-request.error.js';

/** What the handlers need of Express's request and response. */
interface LoraRequest {
  originalUrl: string;
}
interface LoraResponse {
  setHeader(name: string, value: string): void;
}
interface RawResponse {
  status(code: number): RawResponse;
  type(mimetype: string): RawResponse;
  send(body: Buffer): void;
}

/** The largest file part a Dokument request may carry. */
export const LORA_FILE_LIMIT_BYTES = 50 * 1024 * 1024;

/** Parses multipart bodies only (LoRA's Dokument uploads); JSON bodies pass through untouched. */
const MULTIPART = AnyFilesInterceptor({
  limits: { fileSize: LORA_FILE_LIMIT_BYTES },
  defParamCharset: 'utf8',
});

/**
 * The JSON of a write: the body itself, or, for a multipart request (LoRA's Dokument upload), its `json` part. Only
 * a Dokument takes file parts.
 */
function requestBodyOf(
  scope: LoraScope,
  body: unknown,
  files: UploadedFilePart[] | undefined,
  contentType: string | undefined,
): unknown {
  if (!/^multipart\/form-data/i.test(contentType ?? '')) return body;
  if (scope.type.name !== 'dokument' && (files?.length ?? 0) > 0) {
    throw new LoraRequestError(
      `Only a Dokument takes file parts; send a ${scope.type.className} as application/json`,
    );
  }
  const json = (body as Record<string, unknown> | undefined)?.json;
  if (typeof json !== 'string')
    throw new LoraRequestError("A multipart request needs a 'json' part with the object");
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new LoraRequestError(`json: the part is not valid JSON (${(error as Error).message})`);
  }
}

/** The registration id in an `If-Match` header (`"42"`, `W/"42"` or `42`); `*` or nothing: unconditional. */
function expectedRegistrationOf(ifMatch: string | undefined): string | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const id = ifMatch
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (!/^\d+$/.test(id))
    throw new LoraRequestError(
      `If-Match: expected the ETag of a read ("<registration id>"), found '${ifMatch}'`,
    );
  return id;
}

/**
 * LoRA's OIO REST API (1.3): `/{service}/{type}` for the 15 types, with `/{uuid}`, `/fields`, `/schema`, the
 * service's `/classes` and the `/site-map`. Errors are LoRA's `{"message"}` bodies. Every object belongs to the
 * caller's tenant (LoRA has none; without authentication, to no tenant).
 */
@RequiresRole('process-starter')
@UseFilters(LoraExceptionFilter)
@Controller()
export class LoraController {
  constructor(private readonly objects: LoraObjectService) {}

  /** A Dokument part's file content, by the path its `indhold` (`store:<path>`) names. */
  @Get('dokument/dokument/:year/:month/:day/:hour/:minute/:file')
  async downloadContent(
    @Param('year') year: string,
    @Param('month') month: string,
    @Param('day') day: string,
    @Param('hour') hour: string,
    @Param('minute') minute: string,
    @Param('file') file: string,
    @Res() response: RawResponse,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const path = [year, month, day, hour, minute, file].join('/');
    if (!CONTENT_PATH.test(path))
      throw new LoraRequestError(`LoRA serves nothing at /dokument/dokument/${path}`, 404);
    const content = await this.objects.documentContent(caller.tenantId ?? NO_TENANT, path);
    response
      .status(200)
      .type(content.mimetype ?? 'application/octet-stream')
      .send(content.bytes);
  }

  @Get('site-map')
  siteMap(@Req() request: LoraRequest): { 'site-map': string[] } {
    refuseUnknownParameters(loraParametersOf(request.originalUrl), () => false);
    const prefix = request.originalUrl.replace(/\/site-map(\?.*)?$/, '');
    const paths = LORA_OBJECT_TYPES.flatMap((type) => {
      const base = `${prefix}/${type.service}/${type.name}`;
      return [base, `${base}/fields`, `${base}/schema`, `${base}/{uuid}`];
    });
    const services = [...new Set(LORA_OBJECT_TYPES.map((type) => `${prefix}/${type.service}/classes`))];
    return { 'site-map': [...paths, ...services, `${prefix}/site-map`].sort() };
  }

  @Get(':service/classes')
  classes(@Param('service') service: string): Record<string, unknown> {
    const types = LORA_OBJECT_TYPES.filter((type) => type.service === service);
    if (types.length === 0) throw new LoraRequestError(`No LoRA service '${service}'`, 404);
    return Object.fromEntries(types.map((type) => [type.name, fieldsOf(type)]));
  }

  @Get(':service/:type/fields')
  fields(@Param('service') service: string, @Param('type') typeName: string): Record<string, unknown> {
    return fieldsOf(this.scopeOf(service, typeName, undefined).type);
  }

  @Get(':service/:type/schema')
  schema(@Param('service') service: string, @Param('type') typeName: string): Record<string, unknown> {
    return LORA_SCHEMAS[this.scopeOf(service, typeName, undefined).type.className] ?? {};
  }

  @Get(':service/:type')
  async listOrSearch(
    @Param('service') service: string,
    @Param('type') typeName: string,
    @Req() request: LoraRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<{ results: unknown[][] }> {
    return this.objects.listOrSearch(
      this.scopeOf(service, typeName, caller),
      request.originalUrl,
      Date.now(),
    );
  }

  @Post(':service/:type')
  @HttpCode(201)
  @UseInterceptors(MULTIPART)
  async create(
    @Param('service') service: string,
    @Param('type') typeName: string,
    @Body() body: unknown,
    @UploadedFiles() files: UploadedFilePart[] | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Req() request: LoraRequest,
    @Res({ passthrough: true }) response: LoraResponse,
    @CurrentCaller() caller: Caller,
  ): Promise<{ uuid: string }> {
    refuseUnknownParameters(loraParametersOf(request.originalUrl), () => false);
    const scope = this.scopeOf(service, typeName, caller);
    const outcome = await this.objects.create(
      scope,
      requestBodyOf(scope, body, files, contentType),
      writerOf(caller, undefined, files),
    );
    response.setHeader('ETag', `"${outcome.registrationId}"`);
    return { uuid: outcome.uuid };
  }

  @Get(':service/:type/:uuid')
  async read(
    @Param('service') service: string,
    @Param('type') typeName: string,
    @Param('uuid') uuid: string,
    @Req() request: LoraRequest,
    @Res({ passthrough: true }) response: LoraResponse,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    const scope = this.scopeOf(service, typeName, caller);
    const { view, etag } = await this.objects.read(
      scope,
      uuidOf(scope, uuid),
      request.originalUrl,
      Date.now(),
    );
    if (etag !== undefined) response.setHeader('ETag', `"${etag}"`);
    return { [view.id]: [view] };
  }

  @Put(':service/:type/:uuid')
  @HttpCode(200)
  @UseInterceptors(MULTIPART)
  async importObject(
    @Param('service') service: string,
    @Param('type') typeName: string,
    @Param('uuid') uuid: string,
    @Body() body: unknown,
    @UploadedFiles() files: UploadedFilePart[] | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: LoraRequest,
    @Res({ passthrough: true }) response: LoraResponse,
    @CurrentCaller() caller: Caller,
  ): Promise<{ uuid: string }> {
    return this.writeAt('importObject', {
      service,
      typeName,
      uuid,
      body,
      files,
      contentType,
      ifMatch,
      request,
      response,
      caller,
    });
  }

  @Patch(':service/:type/:uuid')
  @HttpCode(200)
  @UseInterceptors(MULTIPART)
  async update(
    @Param('service') service: string,
    @Param('type') typeName: string,
    @Param('uuid') uuid: string,
    @Body() body: unknown,
    @UploadedFiles() files: UploadedFilePart[] | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: LoraRequest,
    @Res({ passthrough: true }) response: LoraResponse,
    @CurrentCaller() caller: Caller,
  ): Promise<{ uuid: string }> {
    return this.writeAt('update', {
      service,
      typeName,
      uuid,
      body,
      files,
      contentType,
      ifMatch,
      request,
      response,
      caller,
    });
  }

  @Delete(':service/:type/:uuid')
  @HttpCode(202)
  async delete(
    @Param('service') service: string,
    @Param('type') typeName: string,
    @Param('uuid') uuid: string,
    @Body() body: unknown,
    @Req() request: LoraRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<{ uuid: string }> {
    refuseUnknownParameters(loraParametersOf(request.originalUrl), () => false);
    const scope = this.scopeOf(service, typeName, caller);
    const outcome = await this.objects.delete(scope, uuidOf(scope, uuid), body, writerOf(caller, ifMatch));
    return { uuid: outcome.uuid };
  }

  /** An import (PUT) or an update (PATCH) of the object at the path: the new registration's id is its ETag. */
  private async writeAt(operation: 'importObject' | 'update', write: WriteAtPath): Promise<{ uuid: string }> {
    refuseUnknownParameters(loraParametersOf(write.request.originalUrl), () => false);
    const scope = this.scopeOf(write.service, write.typeName, write.caller);
    const outcome = await this.objects[operation](
      scope,
      uuidOf(scope, write.uuid),
      requestBodyOf(scope, write.body, write.files, write.contentType),
      writerOf(write.caller, write.ifMatch, write.files),
    );
    write.response.setHeader('ETag', `"${outcome.registrationId}"`);
    return { uuid: outcome.uuid };
  }

  /** The type at `/{service}/{type}` for the caller's tenant; a 404 for a path LoRA does not serve. */
  private scopeOf(service: string, typeName: string, caller: Caller | undefined): LoraScope {
    const type = loraObjectTypeAt(service, typeName);
    if (!type) throw new LoraRequestError(`LoRA serves no type at /${service}/${typeName}`, 404);
    return { type, tenantId: caller?.tenantId ?? NO_TENANT };
  }
}

/** What a PUT or PATCH to `/{service}/{type}/{uuid}` brings. */
interface WriteAtPath {
  service: string;
  typeName: string;
  uuid: string;
  body: unknown;
  files: UploadedFilePart[] | undefined;
  contentType: string | undefined;
  ifMatch: string | undefined;
  request: LoraRequest;
  response: LoraResponse;
  caller: Caller;
}

const UUID = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;

/** An object's uuid from the path, lower-cased; anything else is a path LoRA does not serve (404, as its routes). */
function uuidOf(scope: LoraScope, uuid: string): string {
  if (!UUID.test(uuid))
    throw new LoraRequestError(
      `LoRA serves nothing at /${scope.type.service}/${scope.type.name}/${uuid}`,
      404,
    );
  return uuid.toLowerCase();
}

function writerOf(caller: Caller, ifMatch?: string, files?: UploadedFilePart[]): LoraWriter {
  const expectedRegistration = expectedRegistrationOf(ifMatch);
  return {
    brugerref: caller.name,
    ...(expectedRegistration !== undefined ? { expectedRegistration } : {}),
    ...(files && files.length > 0 ? { files } : {}),
  };
}

/** `/fields`: the type's structure as LoRA lists it (attribute fields, states, relations by cardinality). */
function fieldsOf(type: (typeof LORA_OBJECT_TYPES)[number]): Record<string, unknown> {
  return {
    attributter: Object.fromEntries(
      Object.entries(type.attributes).map(([group, fields]) => [groupSuffix(type, group), fields]),
    ),
    tilstande: Object.fromEntries(
      Object.entries(type.states).map(([group, state]) => [groupSuffix(type, group), state.values]),
    ),
    relationer_nul_til_en: type.singleRelations,
    relationer_nul_til_mange: type.multiRelations,
  };
}

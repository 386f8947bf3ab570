import { Controller, HttpCode, Post, Query, Req, UploadedFiles, UseInterceptors, Body } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import {
  CurrentCaller,
  invalidRequest,
  RequiresRole,
  textParameter,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { deploymentRequestOf, type UploadedPart } from '../deployments/deployment-form.js';
import { ModelValidationService, type ValidationReport } from './model-validation.service.js';
import { resourceTooLarge, ResourceSizeLimitInterceptor } from './resource-upload.js';
import { kindOfName, kindOfXml, ResourceTooLargeError, type ResourceFile } from './resource-screening.js';

const XML_CONTENT_TYPE = /^(application|text)\/xml\s*(;|$)/i;

/**
 * `POST /api/validate`: the report a deployment of the models would get, nothing deployed. The models come as a
 * deployment does (multipart, each file part named by its filename) or as one raw XML body (`application/xml`,
 * `text/xml`), named by `?resourceName=` or, without it, `model.bpmn`/`model.dmn` after its root element.
 */
@RequiresRole('process-owner')
@Controller('api/validate')
export class ValidationController {
  constructor(private readonly validation: ModelValidationService) {}

  @Post()
  @HttpCode(200)
  @UseInterceptors(
    ResourceSizeLimitInterceptor,
    // Limits come from the module's multer options (MAX_RESOURCE_BYTES); filenames arrive as UTF-8.
    AnyFilesInterceptor({ defParamCharset: 'utf8' }),
  )
  async validate(
    @Req() request: IncomingMessage,
    @Query() query: QueryParameters,
    @Body() fields: Record<string, unknown> | undefined,
    @UploadedFiles() files: UploadedPart[] | undefined,
    @CurrentCaller() _caller: Caller,
  ): Promise<ValidationReport> {
    const contentType = request.headers['content-type'] ?? '';
    const resources = /^multipart\/form-data/i.test(contentType)
      ? deploymentRequestOf({ ...(fields ?? {}) }, files ?? []).files
      : XML_CONTENT_TYPE.test(contentType)
        ? [await this.xmlBodyOf(request, textParameter(query, 'resourceName'))]
        : undefined;
    if (!resources) {
      throw invalidRequest(
        `Expected a multipart/form-data request (each model a file part named by its filename) or one model as an ` +
          `application/xml body, but the content-type is '${contentType || 'missing'}'`,
      );
    }
    try {
      return await this.validation.validate(resources);
    } catch (error) {
      if (error instanceof ResourceTooLargeError) throw resourceTooLarge(error);
      throw error;
    }
  }

  /** Reads a raw XML body, refusing it (413) as soon as it passes the resource limit. */
  private async xmlBodyOf(request: IncomingMessage, resourceName: string | undefined): Promise<ResourceFile> {
    const limit = this.validation.maxResourceBytes;
    // The body is read to its end even past the limit (and dropped), so the connection stays up for the 413.
    const content = await new Promise<Buffer | undefined>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
      });
      request.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
      request.on('error', reject);
    });
    if (!content)
      throw resourceTooLarge(new ResourceTooLargeError(resourceName ?? 'the request body', limit));
    if (resourceName !== undefined) {
      if (kindOfName(resourceName) !== 'bpmn' && kindOfName(resourceName) !== 'dmn') {
        throw invalidRequest(
          `Query parameter 'resourceName' must end in .bpmn or .dmn, but is '${resourceName.slice(0, 100)}'`,
        );
      }
      return { name: resourceName, content };
    }
    const kind = kindOfXml(content.subarray(0, 4096).toString('utf8'));
    return { name: kind === 'dmn' ? 'model.dmn' : 'model.bpmn', content };
  }
}

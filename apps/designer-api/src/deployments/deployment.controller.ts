import { Body, Controller, HttpCode, Post, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import {
  CurrentCaller,
  invalidRequest,
  RequiresRole,
  writableTenant,
  type Caller,
  type LinkableRequest,
} from '#camunda-rest';
import { ResourceTooLargeError } from '../validation/resource-screening.js';
import { resourceTooLarge, ResourceSizeLimitInterceptor } from '../validation/resource-upload.js';
import { deploymentRequestOf, type UploadedPart } from './deployment-form.js';
import { camundaDeploymentOf, parseExceptionOf } from './deployment.response.js';
import { DeploymentRejectedError, DeploymentService } from './deployment.service.js';

/** `POST /deployment/create`, as Camunda Modeler's deploy button calls it. */
@RequiresRole('process-owner')
@Controller('engine-rest/deployment')
export class DeploymentController {
  constructor(private readonly deployments: DeploymentService) {}

  @Post('create')
  @HttpCode(200)
  @UseInterceptors(
    // A resource over MAX_RESOURCE_BYTES is a 413 naming it (the limits are the module's multer options).
    ResourceSizeLimitInterceptor,
    // Filenames name the resources; Danish ones (ansøgning.bpmn) arrive as UTF-8.
    AnyFilesInterceptor({ defParamCharset: 'utf8' }),
  )
  async create(
    @Req() request: LinkableRequest & { headers: { 'content-type'?: string } },
    @Body() fields: Record<string, unknown> | undefined,
    @UploadedFiles() files: UploadedPart[] | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) {
      throw invalidRequest(
        `Expected a multipart/form-data request, but the content-type is '${request.headers['content-type'] ?? 'missing'}'. ` +
          'Send each model as a file part, e.g. curl -F "deployment-name=invoice" -F "invoice.bpmn=@invoice.bpmn"',
      );
    }
    const form = deploymentRequestOf({ ...(fields ?? {}) }, files ?? []);
    const deployment = { ...form, tenantId: writableTenant(caller, form.tenantId, 'tenant-id') };
    try {
      return camundaDeploymentOf(await this.deployments.deploy(deployment), request);
    } catch (error) {
      if (error instanceof DeploymentRejectedError) throw parseExceptionOf(error);
      if (error instanceof ResourceTooLargeError) throw resourceTooLarge(error);
      throw error;
    }
  }
}

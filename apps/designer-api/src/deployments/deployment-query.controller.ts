import { Controller, Delete, Get, HttpCode, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  booleanParameter,
  camundaTenantId,
  CurrentCaller,
  formatCamundaDate,
  notFound,
  readableTenants,
  RequiresRole,
  selfLink,
  writableTenant,
  type Caller,
  type LinkableRequest,
  type QueryParameters,
} from '#camunda-rest';
import { DefinitionRemovalService } from '../process-definitions/definition-removal.service.js';
import {
  deploymentQueryOf,
  DeploymentQueryService,
  type DeploymentResourceView,
  type DeploymentView,
} from './deployment-query.service.js';
import { contentTypeOfResource } from './resource-content-type.js';

/**
 * Camunda's deployment resource for process owners: the list and its count, one deployment, its resources and
 * their bytes, and deleting a deployment (refused while its instances run, unless `cascade=true`).
 */
@RequiresRole('process-owner')
@Controller('engine-rest/deployment')
export class DeploymentQueryController {
  constructor(
    private readonly deployments: DeploymentQueryService,
    private readonly removal: DefinitionRemovalService,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @Req() request: LinkableRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const found = await this.deployments.find(
      deploymentQueryOf(query, readableTenants(caller, query, 'includeDeploymentsWithoutTenantId')),
    );
    return found.map((deployment) => camundaDeploymentDtoOf(deployment, request));
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return {
      count: await this.deployments.count(
        deploymentQueryOf(query, readableTenants(caller, query, 'includeDeploymentsWithoutTenantId')),
      ),
    };
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @Req() request: LinkableRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    return camundaDeploymentDtoOf(await this.deployment(id, query, caller), request);
  }

  @Get(':id/resources')
  async resources(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const resources = await this.deployments.resourcesOf(await this.deployment(id, query, caller));
    return resources.map(camundaResourceOf);
  }

  @Get(':id/resources/:resourceId')
  async resource(
    @Param('id') id: string,
    @Param('resourceId') resourceId: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    return camundaResourceOf(await this.resourceOf(id, resourceId, query, caller));
  }

  /** The resource's bytes as deployed, with the content type its file name suggests, as an attachment. */
  @Get(':id/resources/:resourceId/data')
  async data(
    @Param('id') id: string,
    @Param('resourceId') resourceId: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<StreamableFile> {
    const resource = await this.resourceOf(id, resourceId, query, caller);
    return new StreamableFile(resource.content, {
      type: contentTypeOfResource(resource.name),
      disposition: `attachment; filename="${resource.name.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(resource.name)}`,
      length: resource.content.length,
    });
  }

  /**
   * Deletes the deployment with its resources and definitions. `cascade=true` first cancels the running instances
   * of its definitions; `skipCustomListeners` and `skipIoMappings` are accepted and change nothing (cancelling
   * runs no listeners or mappings here).
   */
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const cascade = booleanParameter(query, 'cascade') === true;
    booleanParameter(query, 'skipCustomListeners');
    booleanParameter(query, 'skipIoMappings');
    const deployment = await this.deployment(id, query, caller);
    const tenantId = writableTenant(caller, deployment.tenantId, 'tenantIdIn');
    if (!(await this.removal.remove(tenantId, { deploymentId: deployment.id }, cascade))) {
      throw notFound(`Deployment with id '${id}' does not exist`);
    }
  }

  private async deployment(id: string, query: QueryParameters, caller: Caller): Promise<DeploymentView> {
    const deployment = await this.deployments.byId(
      id,
      readableTenants(caller, query, 'includeDeploymentsWithoutTenantId'),
    );
    if (!deployment) throw notFound(`Deployment with id '${id}' does not exist`);
    return deployment;
  }

  private async resourceOf(id: string, resourceId: string, query: QueryParameters, caller: Caller) {
    const resource = await this.deployments.resource(await this.deployment(id, query, caller), resourceId);
    if (!resource) {
      throw notFound(
        `Deployment resource with resource id '${resourceId}' for deployment id '${id}' does not exist`,
      );
    }
    return resource;
  }
}

/** Camunda's `DeploymentDto`. */
export function camundaDeploymentDtoOf(
  deployment: DeploymentView,
  request: LinkableRequest,
): Record<string, unknown> {
  return {
    links: [selfLink(request, `/deployment/${deployment.id}`)],
    id: deployment.id,
    name: deployment.name,
    source: deployment.source,
    deploymentTime: formatCamundaDate(deployment.deployedAt),
    tenantId: camundaTenantId(deployment.tenantId),
  };
}

/** Camunda's `DeploymentResourceDto`. */
function camundaResourceOf(resource: DeploymentResourceView): Record<string, unknown> {
  return { id: resource.id, name: resource.name, deploymentId: resource.deploymentId };
}

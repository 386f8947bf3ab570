import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Headers } from '@nestjs/common';
import {
  camundaProcessDefinitionOf,
  checkedTenantId,
  CurrentCaller,
  notFound,
  processDefinitionQueryOf,
  ProcessDefinitionQueryService,
  readableTenants,
  RequiresRole,
  writableTenant,
  type Caller,
  type LinkableRequest,
  type QueryParameters,
} from '#camunda-rest';
import { camundaProcessInstanceOf, type CamundaProcessInstance } from './process-instance.response.js';
import { ProcessStartService } from './process-start.service.js';
import { startRequestOf, idempotencyKeyOf } from './start-request.js';

/**
 * Camunda's process definitions on the engine: the list and its count, one by id or the latest of a key, and a
 * start by id (what Camunda Modeler's "deploy and start" calls). Starts by key are in
 * {@link ProcessDefinitionStartController}.
 */
@RequiresRole('process-starter')
@Controller('engine-rest/process-definition')
export class ProcessDefinitionController {
  constructor(
    private readonly definitions: ProcessDefinitionQueryService,
    private readonly starts: ProcessStartService,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const found = await this.definitions.find(processDefinitionQueryOf(query, this.tenantsOf(caller, query)));
    return found.map(camundaProcessDefinitionOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return {
      count: await this.definitions.count(processDefinitionQueryOf(query, this.tenantsOf(caller, query))),
    };
  }

  @Get('key/:key')
  async latest(@Param('key') key: string, @CurrentCaller() caller: Caller): Promise<Record<string, unknown>> {
    const definition = await this.definitions.latestOf(key, readableTenants(caller, {}));
    if (!definition) {
      throw notFound(`No matching process definition with key: ${key} and no tenant-id`, 'RestException');
    }
    return camundaProcessDefinitionOf(definition);
  }

  @Get('key/:key/tenant-id/:tenantId')
  async latestOfTenant(
    @Param('key') key: string,
    @Param('tenantId') tenantId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    const tenantIds = readableTenants(caller, { tenantIdIn: checkedTenantId(tenantId, 'tenant-id') });
    const definition = await this.definitions.latestOf(key, tenantIds);
    if (!definition) {
      throw notFound(
        `No matching process definition with key: ${key} and tenant-id: ${tenantId}`,
        'RestException',
      );
    }
    return camundaProcessDefinitionOf(definition);
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    const definition = await this.definitions.byId(id, readableTenants(caller, query));
    if (!definition) throw notFound(`No matching definition with id ${id}`);
    return camundaProcessDefinitionOf(definition);
  }

  @Post(':id/start')
  @HttpCode(200)
  async start(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: LinkableRequest,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<CamundaProcessInstance> {
    const started = await this.starts.startById(
      writableTenant(caller, undefined, 'tenant-id'),
      id,
      startRequestOf(body),
      idempotencyKeyOf(idempotencyKey),
    );
    return camundaProcessInstanceOf(started, request);
  }

  private tenantsOf(caller: Caller, query: QueryParameters): string[] {
    return readableTenants(caller, query, 'includeProcessDefinitionsWithoutTenantId');
  }
}

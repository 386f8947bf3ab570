import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import {
  booleanParameter,
  CurrentCaller,
  invalidRequest,
  kindOf,
  notFound,
  readableTenants,
  RequiresRole,
  writableTenant,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import { activityInstanceTreeOf, type CamundaActivityInstance } from './activity-instance-tree.js';
import { ProcessInstanceOperationsService } from './process-instance-operations.service.js';
import { processInstanceQueryOf, ProcessInstanceQueryService } from './process-instance-query.service.js';
import { camundaProcessInstanceOf } from './process-instance.response.js';

/**
 * Camunda's running process instances: list and count (with variable filters), one by id, its activity instance
 * tree; an operator cancels, suspends and activates. Ids of instances that ended, or of another tenant, are a 404.
 */
@RequiresRole('process-starter')
@Controller('engine-rest/process-instance')
export class ProcessInstanceController {
  constructor(
    private readonly instances: ProcessInstanceQueryService,
    private readonly operations: ProcessInstanceOperationsService,
    private readonly runtime: EngineRuntime,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const found = await this.instances.find(processInstanceQueryOf(query, readableTenants(caller, query)));
    return found.map(camundaProcessInstanceOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return {
      count: await this.instances.count(processInstanceQueryOf(query, readableTenants(caller, query))),
    };
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    return camundaProcessInstanceOf(await this.instances.running(id, readableTenants(caller, query)));
  }

  @Get(':id/activity-instances')
  async activityInstances(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<CamundaActivityInstance> {
    const instance = await this.instances.running(id, readableTenants(caller, query));
    const state = await this.instances.stateOf(instance);
    if (!state) throw notFound(`Process instance with id ${id} does not exist`);
    const definition = await this.runtime.definitions.byIdOf(
      this.runtime.dataSource.manager,
      instance.tenant_id,
      instance.definition_id,
    );
    return activityInstanceTreeOf(instance.definition_id, state, definition?.process);
  }

  /** Cancels the instance; `failIfNotExists=false` answers 204 for an unknown one, as Camunda does. */
  @Delete(':id')
  @HttpCode(204)
  @RequiresRole('operator')
  async cancel(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    if (booleanParameter(query, 'skipSubprocesses') === true) {
      throw invalidRequest(
        "Query parameter 'skipSubprocesses' is not supported: cancelling an instance always cancels the processes it called",
      );
    }
    const failIfNotExists = booleanParameter(query, 'failIfNotExists') ?? true;
    const instance = await this.instances.byId(id, readableTenants(caller, query));
    if (!instance) {
      if (!failIfNotExists) return;
      throw notFound(`Process instance with id ${id} does not exist`);
    }
    await this.operations.cancel(writableTenant(caller, instance.tenant_id, 'tenantIdIn'), id, caller.name);
  }

  /** `{"suspended": true}` suspends the instance: it does not move, and its jobs wait, until `false` activates it. */
  @Put(':id/suspended')
  @HttpCode(204)
  @RequiresRole('operator')
  async suspend(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const suspended = (body as { suspended?: unknown } | null | undefined)?.suspended;
    if (typeof suspended !== 'boolean') {
      throw invalidRequest(
        `Expected 'suspended' to be true or false (e.g. {"suspended": true}), but found ${kindOf(suspended)}`,
      );
    }
    const instance = await this.instances.running(id, readableTenants(caller, query));
    const changed = await this.operations.setSuspended(
      writableTenant(caller, instance.tenant_id, 'tenantIdIn'),
      id,
      suspended,
      caller.name,
    );
    if (!changed) throw notFound(`Process instance with id ${id} does not exist`);
  }
}

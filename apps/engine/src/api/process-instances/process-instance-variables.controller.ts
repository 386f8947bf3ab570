import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  booleanParameter,
  CurrentCaller,
  invalidRequest,
  kindOf,
  notFound,
  readableTenants,
  RequiresRole,
  variablesFromCamunda,
  writableTenant,
  type CamundaVariable,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { ProcessInstanceOperationsService } from './process-instance-operations.service.js';
import { ProcessInstanceQueryService } from './process-instance-query.service.js';
import { camundaVariableOf } from './process-instance.response.js';

/**
 * Camunda's variables of a running process instance (its process-level scope): read by a process starter, changed
 * by an operator through the core's `set-variables` command, so conditional events and the history see the change.
 */
@RequiresRole('process-starter')
@Controller('engine-rest/process-instance/:id/variables')
export class ProcessInstanceVariablesController {
  constructor(
    private readonly instances: ProcessInstanceQueryService,
    private readonly operations: ProcessInstanceOperationsService,
  ) {}

  @Get()
  async list(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, CamundaVariable>> {
    const deserializeValues = booleanParameter(query, 'deserializeValues') ?? true;
    const instance = await this.instances.running(id, readableTenants(caller, query));
    const variables = await this.instances.variablesOf(instance);
    return Object.fromEntries(
      Object.entries(variables).map(([name, typed]) => [name, camundaVariableOf(typed, deserializeValues)]),
    );
  }

  @Get(':name')
  async one(
    @Param('id') id: string,
    @Param('name') name: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<CamundaVariable> {
    const deserializeValues = booleanParameter(query, 'deserializeValues') ?? true;
    const instance = await this.instances.running(id, readableTenants(caller, query));
    const typed = (await this.instances.variablesOf(instance))[name];
    if (!typed) throw notFound(`process instance variable with name ${name} does not exist`);
    return camundaVariableOf(typed, deserializeValues);
  }

  /** Sets one variable: the body is one of Camunda's typed values, `{ "value": …, "type": "Integer" }`. */
  @Put(':name')
  @HttpCode(204)
  @RequiresRole('operator')
  async put(
    @Param('id') id: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const modifications = variablesFromCamunda({ [name]: body ?? {} }, 'the request body');
    const instance = await this.instances.running(id, readableTenants(caller, query));
    await this.operations.changeVariables(
      writableTenant(caller, instance.tenant_id, 'tenantIdIn'),
      id,
      modifications,
      [],
      caller.name,
    );
  }

  /** Removes one variable; removing one the instance does not have changes nothing (204, as in Camunda). */
  @Delete(':name')
  @HttpCode(204)
  @RequiresRole('operator')
  async remove(
    @Param('id') id: string,
    @Param('name') name: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const instance = await this.instances.running(id, readableTenants(caller, query));
    await this.operations.changeVariables(
      writableTenant(caller, instance.tenant_id, 'tenantIdIn'),
      id,
      {},
      [name],
      caller.name,
    );
  }

  /** Camunda's `{ "modifications": { name: typed value }, "deletions": [names] }`, applied as one command. */
  @Post()
  @HttpCode(204)
  @RequiresRole('operator')
  async modify(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const { modifications, deletions } = variableChangesOf(body);
    const instance = await this.instances.running(id, readableTenants(caller, query));
    await this.operations.changeVariables(
      writableTenant(caller, instance.tenant_id, 'tenantIdIn'),
      id,
      modifications,
      deletions,
      caller.name,
    );
  }
}

/** Reads Camunda's `PatchVariablesDto`; a wrong field is a 400 naming it. */
function variableChangesOf(body: unknown): {
  modifications: ReturnType<typeof variablesFromCamunda>;
  deletions: string[];
} {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
    throw invalidRequest(
      `Expected the request body to be a JSON object { "modifications": { … }, "deletions": [ … ] }, but found ${kindOf(body)}`,
    );
  }
  const { modifications, deletions } = (body ?? {}) as { modifications?: unknown; deletions?: unknown };
  if (
    deletions !== undefined &&
    deletions !== null &&
    (!Array.isArray(deletions) || deletions.some((name) => typeof name !== 'string'))
  ) {
    throw invalidRequest(
      `Expected 'deletions' to be a list of variable names, but found ${kindOf(deletions)}`,
    );
  }
  return {
    modifications: variablesFromCamunda(modifications, 'modifications'),
    deletions: (deletions as string[] | null | undefined) ?? [],
  };
}

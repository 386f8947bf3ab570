import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  CurrentCaller,
  notFound,
  pagingParameters,
  readableTenants,
  RequiresRole,
  sortingParameters,
  variablesToCamunda,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { TaskCommandService } from './task-command.service.js';
import { TaskQueryService } from './task-query.service.js';
import { TASK_SORT_COLUMNS, taskFiltersOfQuery, taskQueryBodyOf } from './task-query.js';
import { bpmnErrorRequestOf, completeRequestOf, userIdOf } from './task-requests.js';
import { camundaTaskOf } from './task.response.js';

/** Where a handler writes its own status: 204 without a body, or 200 with one (`withVariablesInReturn`). */
interface StatusResponse {
  status(code: number): { json(body: unknown): void; end(): void };
}

/**
 * Camunda's task resource for caseworker systems: list and count open user tasks (query string or JSON body),
 * read one, claim, unclaim, assign and complete it, or report a BPMN error on it.
 */
@RequiresRole('caseworker')
@Controller('engine-rest/task')
export class TaskController {
  constructor(
    private readonly tasks: TaskQueryService,
    private readonly commands: TaskCommandService,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const sorting = sortingParameters(query, TASK_SORT_COLUMNS);
    const rows = await this.tasks.find({
      tenantIds: readableTenants(caller, query),
      filters: taskFiltersOfQuery(query),
      sorting: sorting ? [sorting] : [],
      ...pagingParameters(query),
    });
    return rows.map(camundaTaskOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    const count = await this.tasks.count({
      tenantIds: readableTenants(caller, query),
      filters: taskFiltersOfQuery(query),
    });
    return { count };
  }

  /** Camunda's `POST /task`: the filters in a JSON body, paging in the query string. */
  @Post()
  @HttpCode(200)
  async query(
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const request = taskQueryBodyOf(body);
    const rows = await this.tasks.find({
      tenantIds: readableTenants(caller, request.tenantParameters),
      filters: request.filters,
      sorting: request.sorting,
      ...pagingParameters(query),
    });
    return rows.map(camundaTaskOf);
  }

  @Post('count')
  @HttpCode(200)
  async countByBody(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    const request = taskQueryBodyOf(body);
    const count = await this.tasks.count({
      tenantIds: readableTenants(caller, request.tenantParameters),
      filters: request.filters,
    });
    return { count };
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    const row = await this.tasks.byId(id, readableTenants(caller, query));
    if (!row) throw notFound(`No matching task with id ${id}`);
    return camundaTaskOf(row);
  }

  @Post(':id/claim')
  @HttpCode(204)
  async claim(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.commands.claim(
      readableTenants(caller, query),
      id,
      userIdOf(body, true) as string,
      caller.name,
    );
  }

  @Post(':id/unclaim')
  @HttpCode(204)
  async unclaim(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.commands.setAssignee(readableTenants(caller, query), id, null, 'unclaim', caller.name);
  }

  @Post(':id/assignee')
  @HttpCode(204)
  async setAssignee(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.commands.setAssignee(
      readableTenants(caller, query),
      id,
      userIdOf(body, false),
      'set the assignee of',
      caller.name,
    );
  }

  @Post(':id/bpmnError')
  @HttpCode(204)
  async bpmnError(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.commands.throwBpmnError(readableTenants(caller, query), id, bpmnErrorRequestOf(body));
  }

  /** 204, or 200 with the process variables after the completion when `withVariablesInReturn` is true. */
  @Post(':id/complete')
  async complete(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
    @Res() response: StatusResponse,
  ): Promise<void> {
    const request = completeRequestOf(body);
    const variables = await this.commands.complete(
      readableTenants(caller, query),
      id,
      request.variables,
      request.withVariablesInReturn,
      caller.name,
    );
    if (variables) response.status(200).json(variablesToCamunda(variables));
    else response.status(204).end();
  }
}

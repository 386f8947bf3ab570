import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  CurrentCaller,
  pagingParameters,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { ExternalTaskQueryService } from './external-task-query.service.js';
import { camundaExternalTaskOf } from './external-task.response.js';
import { externalTaskNotFound, ExternalTaskWorkService } from './external-task-work.service.js';
import { fetchAndLockRequestOf } from './fetch-and-lock-request.js';
import {
  bpmnErrorRequestOf,
  completeRequestOf,
  failureRequestOf,
  lockRequestOf,
  retriesOf,
} from './worker-report-requests.js';

/**
 * Camunda's external task API for workers (camunda-external-task-client-js and the like): fetch and lock with long
 * polling, report on a locked task (complete, failure, BPMN error), manage its lock and retries, and list tasks.
 * A task is only ever found within the caller's tenants.
 */
@RequiresRole('worker')
@Controller('engine-rest/external-task')
export class ExternalTaskController {
  constructor(
    private readonly work: ExternalTaskWorkService,
    private readonly queries: ExternalTaskQueryService,
  ) {}

  @Post('fetchAndLock')
  @HttpCode(200)
  async fetchAndLock(
    @Body() body: unknown,
    @Res({ passthrough: true }) response: ServerResponse,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const request = fetchAndLockRequestOf(body, caller);
    // A worker that gave up waiting (closed the connection) must not get tasks locked for it.
    const clientGone = new AbortController();
    response.on('close', () => clientGone.abort());
    return this.work.fetchAndLock(request, clientGone.signal);
  }

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    const { offset, limit } = pagingParameters(query);
    return this.queries.find(this.queries.queryOf(query, readableTenants(caller, query)), offset, limit);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return { count: await this.queries.count(this.queries.queryOf(query, readableTenants(caller, query))) };
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    const row = await this.queries.byId(id, readableTenants(caller, query));
    if (!row) throw externalTaskNotFound(id);
    return camundaExternalTaskOf(row);
  }

  /** The full details of the last failure, as plain text (Camunda answers `text/plain` here; errors stay JSON). */
  @Get(':id/errorDetails')
  async errorDetails(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @Res({ passthrough: true }) response: ServerResponse,
    @CurrentCaller() caller: Caller,
  ): Promise<string> {
    const found = await this.queries.errorDetails(id, readableTenants(caller, query));
    if (!found) throw externalTaskNotFound(id);
    response.setHeader('Content-Type', 'text/plain');
    return found.details ?? '';
  }

  @Post(':id/complete')
  @HttpCode(204)
  async complete(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const request = completeRequestOf(body);
    await this.work.onTask(id, readableTenants(caller, query), (tasks, tenantId) =>
      tasks.complete(tenantId, id, request.workerId, request.variables, request.localVariables),
    );
  }

  @Post(':id/failure')
  @HttpCode(204)
  async failure(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const request = failureRequestOf(body);
    await this.work.onTask(id, readableTenants(caller, query), (tasks, tenantId) =>
      tasks.handleFailure(
        tenantId,
        id,
        request.workerId,
        request.errorMessage,
        request.retries,
        request.retryTimeoutMs,
        request.errorDetails,
      ),
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
    const request = bpmnErrorRequestOf(body);
    await this.work.onTask(id, readableTenants(caller, query), (tasks, tenantId) =>
      tasks.handleBpmnError(
        tenantId,
        id,
        request.workerId,
        request.errorCode,
        request.errorMessage,
        request.variables,
      ),
    );
  }

  @Post(':id/extendLock')
  @HttpCode(204)
  async extendLock(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const request = lockRequestOf(body, 'newDuration');
    await this.work.onTask(id, readableTenants(caller, query), (tasks, tenantId) =>
      tasks.extendLock(tenantId, id, request.workerId, request.durationMs),
    );
  }

  @Post(':id/lock')
  @HttpCode(204)
  async lock(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const request = lockRequestOf(body, 'lockDuration');
    await this.work.onTask(id, readableTenants(caller, query), (tasks, tenantId) =>
      tasks.lock(tenantId, id, request.workerId, request.durationMs),
    );
  }

  @Post(':id/unlock')
  @HttpCode(204)
  async unlock(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.work.onTask(id, readableTenants(caller, query), (tasks, tenantId) =>
      tasks.unlock(tenantId, id),
    );
  }

  /** An operator's action (as with jobs): from zero, it resolves the task's incident and the task runs again. */
  @RequiresRole('operator')
  @Put(':id/retries')
  @HttpCode(204)
  async retries(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const retries = retriesOf(body);
    await this.work.onTask(id, readableTenants(caller, query), (tasks, tenantId) =>
      tasks.setRetries(tenantId, id, retries),
    );
  }
}

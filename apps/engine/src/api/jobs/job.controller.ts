import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CurrentCaller,
  notFound,
  readableTenants,
  RequiresRole,
  type Caller,
  type QueryParameters,
} from '#camunda-rest';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import { jobQueryOf, JobQueryService } from './job-query.service.js';
import { dueDateRequestOf, retriesRequestOf } from './job-requests.js';
import { camundaJobOf, type JobRow } from './job.response.js';

/**
 * Camunda's jobs (timers, asynchronous continuations, connector calls): list and count, one by id; an operator
 * sets its retries (which resolves the incident of a job whose retries ran out), runs it now, or moves its due
 * date. An unknown job, or another tenant's, is a 404.
 */
@RequiresRole('operator')
@Controller('engine-rest/job')
export class JobController {
  constructor(
    private readonly jobs: JobQueryService,
    private readonly runtime: EngineRuntime,
  ) {}

  @Get()
  async list(
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Array<Record<string, unknown>>> {
    return (await this.jobs.find(jobQueryOf(query, readableTenants(caller, query)))).map(camundaJobOf);
  }

  @Get('count')
  async count(@Query() query: QueryParameters, @CurrentCaller() caller: Caller): Promise<{ count: number }> {
    return { count: await this.jobs.count(jobQueryOf(query, readableTenants(caller, query))) };
  }

  @Get(':id')
  async byId(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, unknown>> {
    return camundaJobOf(await this.job(id, query, caller));
  }

  @Put(':id/retries')
  @HttpCode(204)
  async setRetries(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const retries = retriesRequestOf(body);
    const job = await this.job(id, query, caller);
    await this.runtime.jobOperations.setRetries(job.tenant_id, job.id, retries);
  }

  /**
   * Runs the job now and answers when it ran. A job that fails takes its normal path — a retry later, or an
   * incident — and this still answers 204 (Camunda answers the job's exception as a 500; here a 500 means a bug).
   */
  @Post(':id/execute')
  @HttpCode(204)
  async execute(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const job = await this.job(id, query, caller);
    await this.runtime.jobOperations.execute(job.tenant_id, job.id);
  }

  @Put(':id/duedate')
  @HttpCode(204)
  async setDueDate(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const dueDate = dueDateRequestOf(body, new Date());
    const job = await this.job(id, query, caller);
    await this.runtime.jobOperations.setDueDate(job.tenant_id, job.id, dueDate);
  }

  /** The job, if the caller may see it (a tenant-bound caller its tenant's; else those `tenantIdIn` names). */
  private async job(id: string, query: QueryParameters, caller: Caller): Promise<JobRow> {
    const job = await this.jobs.byId(id, readableTenants(caller, query));
    if (!job) throw notFound(`Job with id ${id} does not exist`);
    return job;
  }
}

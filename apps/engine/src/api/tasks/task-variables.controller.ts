import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CurrentCaller,
  readableTenants,
  RequiresRole,
  singleVariableOf,
  variableModificationsOf,
  variablesToCamunda,
  variableToCamunda,
  type Caller,
  type CamundaVariable,
  type QueryParameters,
} from '#camunda-rest';
import { TaskCommandService } from './task-command.service.js';

/**
 * A task's variables, as Camunda's `/task/{id}/variables` shows them: everything the task sees (its own scope and
 * every enclosing one, up to the process). Changes go where Camunda's `TaskService.setVariable` puts them: to the
 * innermost scope that has the variable, else to the process instance.
 */
@RequiresRole('caseworker')
@Controller('engine-rest/task/:id/variables')
export class TaskVariablesController {
  constructor(private readonly commands: TaskCommandService) {}

  @Get()
  async list(
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<Record<string, CamundaVariable>> {
    return variablesToCamunda(await this.commands.variables(readableTenants(caller, query), id));
  }

  /** `modifications` and `deletions` in one command. */
  @Post()
  @HttpCode(204)
  async modify(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const { modifications, deletions } = variableModificationsOf(body);
    await this.commands.modifyVariables(readableTenants(caller, query), id, modifications, deletions);
  }

  @Get(':name')
  async one(
    @Param('id') id: string,
    @Param('name') name: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<CamundaVariable> {
    return variableToCamunda(await this.commands.variable(readableTenants(caller, query), id, name));
  }

  @Put(':name')
  @HttpCode(204)
  async put(
    @Param('id') id: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const value = singleVariableOf(name, body);
    await this.commands.modifyVariables(readableTenants(caller, query), id, { [name]: value }, []);
  }

  @Delete(':name')
  @HttpCode(204)
  async remove(
    @Param('id') id: string,
    @Param('name') name: string,
    @Query() query: QueryParameters,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.commands.modifyVariables(readableTenants(caller, query), id, {}, [name]);
  }
}

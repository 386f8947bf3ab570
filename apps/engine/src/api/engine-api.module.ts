import { Module, type DynamicModule } from '@nestjs/common';
import { ProcessDefinitionQueryService } from '#camunda-rest';
import { ExternalTaskQueryService } from './external-tasks/external-task-query.service.js';
import { ExternalTaskWorkService } from './external-tasks/external-task-work.service.js';
import { ExternalTaskController } from './external-tasks/external-task.controller.js';
import { HistoricActivityInstanceQueryService } from './history/historic-activity-instance-query.service.js';
import { HistoricActivityInstanceController } from './history/historic-activity-instance.controller.js';
import { HistoricProcessInstanceQueryService } from './history/historic-process-instance-query.service.js';
import { HistoricProcessInstanceController } from './history/historic-process-instance.controller.js';
import { HistoricVariableInstanceQueryService } from './history/historic-variable-instance-query.service.js';
import { HistoricVariableInstanceController } from './history/historic-variable-instance.controller.js';
import { HistoricIncidentController } from './history/historic-incident.controller.js';
import { UserOperationController } from './history/user-operation.controller.js';
import { JobQueryService } from './jobs/job-query.service.js';
import { JobController } from './jobs/job.controller.js';
import { DigitalPostReceiptController } from './digital-post/digital-post-receipt.controller.js';
import { DigitalPostReceiptService } from './digital-post/digital-post-receipt.service.js';
import { MessageCorrelationService } from './messages/message-correlation.service.js';
import { MessageController } from './messages/message.controller.js';
import { SignalController } from './signals/signal.controller.js';
import { IncidentQueryService } from './incidents/incident-query.service.js';
import { IncidentController } from './incidents/incident.controller.js';
import { ProcessDefinitionStartController } from './process-definitions/process-definition-start.controller.js';
import { ProcessDefinitionController } from './process-definitions/process-definition.controller.js';
import { ProcessStartService } from './process-definitions/process-start.service.js';
import { ProcessInstanceOperationsService } from './process-instances/process-instance-operations.service.js';
import { ProcessInstanceQueryService } from './process-instances/process-instance-query.service.js';
import { ProcessInstanceVariablesController } from './process-instances/process-instance-variables.controller.js';
import { ProcessInstanceController } from './process-instances/process-instance.controller.js';
import { TaskCommandService } from './tasks/task-command.service.js';
import { TaskQueryService } from './tasks/task-query.service.js';
import { TaskVariablesController } from './tasks/task-variables.controller.js';
import { TaskController } from './tasks/task.controller.js';
import { Os2formsWebhookController } from '../webhooks/os2forms-webhook.controller.js';

/**
 * The engine's Camunda-7-compatible REST API (the first slice: start, history, incidents), over the runtime module
 * it is given, so the API and the job workers share one runtime.
 */
@Module({})
export class EngineApiModule {
  static register(runtime: DynamicModule): DynamicModule {
    return {
      module: EngineApiModule,
      imports: [runtime],
      controllers: [
        ProcessDefinitionStartController,
        ProcessDefinitionController,
        ProcessInstanceController,
        ProcessInstanceVariablesController,
        HistoricProcessInstanceController,
        HistoricActivityInstanceController,
        IncidentController,
        HistoricIncidentController,
        UserOperationController,
        JobController,
        MessageController,
        DigitalPostReceiptController,
        SignalController,
        TaskController,
        TaskVariablesController,
        ExternalTaskController,
        HistoricVariableInstanceController,
        Os2formsWebhookController,
      ],
      providers: [
        ProcessStartService,
        ProcessDefinitionQueryService,
        ProcessInstanceQueryService,
        ProcessInstanceOperationsService,
        HistoricProcessInstanceQueryService,
        HistoricActivityInstanceQueryService,
        IncidentQueryService,
        JobQueryService,
        MessageCorrelationService,
        DigitalPostReceiptService,
        TaskQueryService,
        TaskCommandService,
        ExternalTaskQueryService,
        ExternalTaskWorkService,
        HistoricVariableInstanceQueryService,
      ],
    };
  }
}

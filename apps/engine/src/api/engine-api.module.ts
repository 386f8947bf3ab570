import { Module, type DynamicModule } from '@nestjs/common';
import { HistoricActivityInstanceQueryService } from './history/historic-activity-instance-query.service.js';
import { HistoricActivityInstanceController } from './history/historic-activity-instance.controller.js';
import { HistoricProcessInstanceQueryService } from './history/historic-process-instance-query.service.js';
import { HistoricProcessInstanceController } from './history/historic-process-instance.controller.js';
import { IncidentQueryService } from './incidents/incident-query.service.js';
import { IncidentController } from './incidents/incident.controller.js';
import { ProcessDefinitionStartController } from './process-definitions/process-definition-start.controller.js';
import { ProcessStartService } from './process-definitions/process-start.service.js';

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
        HistoricProcessInstanceController,
        HistoricActivityInstanceController,
        IncidentController,
      ],
      providers: [
        ProcessStartService,
        HistoricProcessInstanceQueryService,
        HistoricActivityInstanceQueryService,
        IncidentQueryService,
      ],
    };
  }
}

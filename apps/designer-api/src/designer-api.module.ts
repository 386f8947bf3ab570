import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ProcessDefinitionQueryService } from '#camunda-rest';
import { DataSource } from 'typeorm';
import { DEPLOYMENT_CHECKS, type DeploymentCheck } from './deployments/deployment-check.js';
import { DeploymentController } from './deployments/deployment.controller.js';
import { DeploymentService } from './deployments/deployment.service.js';
import { DecisionDefinitionQueryService } from './decision-definitions/decision-definition-query.service.js';
import { DecisionDefinitionController } from './decision-definitions/decision-definition.controller.js';
import { DecisionRequirementsDefinitionQueryService } from './decision-requirements-definitions/decision-requirements-definition-query.service.js';
import { DecisionRequirementsDefinitionController } from './decision-requirements-definitions/decision-requirements-definition.controller.js';
import { DeploymentQueryController } from './deployments/deployment-query.controller.js';
import { DeploymentQueryService } from './deployments/deployment-query.service.js';
import { DefinitionRemovalService } from './process-definitions/definition-removal.service.js';
import { DefinitionStatisticsService } from './process-definitions/definition-statistics.service.js';
import { ProcessDefinitionDiagramController } from './process-definitions/process-definition-diagram.controller.js';
import { ProcessDefinitionController } from './process-definitions/process-definition.controller.js';
import {
  PROCESS_INSTANCE_CONTROL,
  type ProcessInstanceControl,
} from './process-instances/process-instance-control.js';
import {
  DEFAULT_MAX_RESOURCE_BYTES,
  MAX_RESOURCE_BYTES,
  ModelValidationService,
} from './validation/model-validation.service.js';
import { ResourceSizeLimitInterceptor, resourceUploadOptions } from './validation/resource-upload.js';
import { ValidationController } from './validation/validation.controller.js';

export interface DesignerApiOptions {
  /** Modules providing TypeORM's `DataSource` (the process's store). */
  imports: ModuleMetadata['imports'];
  /** Rules of the engine that will run the models, applied at every deployment. */
  deploymentChecks: DeploymentCheck[];
  /**
   * The engine's runtime as far as the designer-api needs it: starts ("deploy and start"), cancellations and
   * definition suspensions (scheduled ones are the engine's jobs).
   */
  instanceControl: ProcessInstanceControl;
  /** The largest resource a deployment or validation accepts, in bytes (MAX_RESOURCE_BYTES); 5 MB when absent. */
  maxResourceBytes?: number;
}

/**
 * Deploy, validate, version and inspect models. As a plain module: validation; registered, also the HTTP API
 * (Camunda's deployment and process-definition endpoints) over the store it is given.
 */
@Module({ providers: [ModelValidationService], exports: [ModelValidationService] })
export class DesignerApiModule {
  static register(options: DesignerApiOptions): DynamicModule {
    return {
      module: DesignerApiModule,
      imports: [
        ...(options.imports ?? []),
        MulterModule.register(resourceUploadOptions(options.maxResourceBytes ?? DEFAULT_MAX_RESOURCE_BYTES)),
      ],
      controllers: [
        DeploymentController,
        DeploymentQueryController,
        ProcessDefinitionController,
        ProcessDefinitionDiagramController,
        DecisionDefinitionController,
        DecisionRequirementsDefinitionController,
        ValidationController,
      ],
      providers: [
        { provide: DEPLOYMENT_CHECKS, useValue: options.deploymentChecks },
        { provide: MAX_RESOURCE_BYTES, useValue: options.maxResourceBytes ?? DEFAULT_MAX_RESOURCE_BYTES },
        ResourceSizeLimitInterceptor,
        {
          provide: DeploymentService,
          useFactory: (
            dataSource: DataSource,
            checks: DeploymentCheck[],
            validation: ModelValidationService,
          ) => new DeploymentService(dataSource, checks, validation),
          inject: [DataSource, DEPLOYMENT_CHECKS, ModelValidationService],
        },
        ProcessDefinitionQueryService,
        { provide: PROCESS_INSTANCE_CONTROL, useValue: options.instanceControl },
        DeploymentQueryService,
        DecisionDefinitionQueryService,
        DecisionRequirementsDefinitionQueryService,
        DefinitionStatisticsService,
        {
          provide: DefinitionRemovalService,
          useFactory: (dataSource: DataSource, instances: ProcessInstanceControl) =>
            new DefinitionRemovalService(dataSource, instances),
          inject: [DataSource, PROCESS_INSTANCE_CONTROL],
        },
      ],
    };
  }
}

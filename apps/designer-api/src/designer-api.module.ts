import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { ProcessDefinitionQueryService } from '#camunda-rest';
import { DataSource } from 'typeorm';
import { DEPLOYMENT_CHECKS, type DeploymentCheck } from './deployments/deployment-check.js';
import { DeploymentController } from './deployments/deployment.controller.js';
import { DeploymentService } from './deployments/deployment.service.js';
import { ProcessDefinitionController } from './process-definitions/process-definition.controller.js';
import { ModelValidationService } from './validation/model-validation.service.js';

export interface DesignerApiOptions {
  /** Modules providing TypeORM's `DataSource` (the process's store). */
  imports: ModuleMetadata['imports'];
  /** Rules of the engine that will run the models, applied at every deployment. */
  deploymentChecks: DeploymentCheck[];
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
      imports: options.imports ?? [],
      controllers: [DeploymentController, ProcessDefinitionController],
      providers: [
        { provide: DEPLOYMENT_CHECKS, useValue: options.deploymentChecks },
        {
          provide: DeploymentService,
          useFactory: (dataSource: DataSource, checks: DeploymentCheck[]) =>
            new DeploymentService(dataSource, checks),
          inject: [DataSource, DEPLOYMENT_CHECKS],
        },
        ProcessDefinitionQueryService,
      ],
    };
  }
}

import { Module } from '@nestjs/common';
import { ModelRunnerModule } from './model-runner/model-runner.module.js';

/** The engine application. At this stage it runs models in memory; persistence and the REST API come next. */
@Module({ imports: [ModelRunnerModule] })
export class EngineModule {}

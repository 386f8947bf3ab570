import { Module } from '@nestjs/common';
import { ModelRunnerService } from './model-runner.service.js';

@Module({ providers: [ModelRunnerService], exports: [ModelRunnerService] })
export class ModelRunnerModule {}

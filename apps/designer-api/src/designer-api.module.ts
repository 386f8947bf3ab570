import { Module } from '@nestjs/common';
import { ModelValidationService } from './validation/model-validation.service.js';

/** Deploy, validate, version and inspect models. At this stage: validation; the HTTP API comes with its issue. */
@Module({ providers: [ModelValidationService], exports: [ModelValidationService] })
export class DesignerApiModule {}

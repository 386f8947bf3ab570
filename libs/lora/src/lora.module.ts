import { Module, type DynamicModule } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { LoraController } from './api/lora.controller.js';
import { LoraObjectService } from './lora-object.service.js';
import { LoraRegistrationStore } from './store/lora-registration-store.js';

/** Where the LoRA service is mounted. */
export interface LoraModuleOptions {
  /** The path prefix, e.g. `/lora`: the API is then at `/lora/organisation/organisationenhed` and so on. */
  prefix: string;
}

/**
 * The LoRA-compatible OIO REST service: LoRA 1.3's API over the bitemporal store in the app's database (the
 * `DataSource` the app provides). Mount it in an app's imports with {@link LoraModule.register}.
 */
@Module({})
export class LoraModule {
  static register(options: LoraModuleOptions): DynamicModule[] {
    const path = `/${options.prefix.replace(/^\/+|\/+$/g, '')}`;
    const service: DynamicModule = {
      module: LoraModule,
      controllers: [LoraController],
      providers: [LoraRegistrationStore, LoraObjectService],
    };
    return [service, RouterModule.register([{ path, module: LoraModule }])];
  }
}

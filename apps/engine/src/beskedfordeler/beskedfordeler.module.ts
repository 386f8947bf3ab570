import { Module, type DynamicModule } from '@nestjs/common';
import { BeskedfordelerConsumers } from './beskedfordeler-consumers.service.js';

/** The Beskedfordeler consumers, over the runtime module they are given (its runtime, configuration and secrets). */
@Module({})
export class BeskedfordelerModule {
  static register(runtime: DynamicModule): DynamicModule {
    return {
      module: BeskedfordelerModule,
      imports: [runtime],
      providers: [BeskedfordelerConsumers],
      exports: [BeskedfordelerConsumers],
    };
  }
}

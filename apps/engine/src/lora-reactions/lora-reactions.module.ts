import { Module, type DynamicModule } from '@nestjs/common';
import type { LoraNotificationSettings } from '../config/lora-notification-settings.js';
import { EngineRuntime } from '../runtime/engine-runtime.js';
import { LoraReactionConsumer } from './lora-reaction-consumer.js';
import { LoraReactionRunner } from './lora-reaction-runner.js';

/**
 * The engine reacting to LoRA change notifications (LORA_REACTIONS): a consumer of RabbitMQ over the app's runtime
 * (the runtime module it is given), started and stopped with the app.
 */
@Module({})
export class LoraReactionsModule {
  static register(
    runtime: DynamicModule,
    settings: LoraNotificationSettings & { amqpUrl: string },
  ): DynamicModule {
    return {
      module: LoraReactionsModule,
      imports: [runtime],
      providers: [
        {
          provide: LoraReactionConsumer,
          useFactory: (engine: EngineRuntime) =>
            new LoraReactionConsumer(new LoraReactionRunner(engine), settings),
          inject: [EngineRuntime],
        },
      ],
    };
  }
}

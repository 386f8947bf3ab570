import { Module, type DynamicModule } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { LoraController } from './api/lora.controller.js';
import { LoraObjectService } from './lora-object.service.js';
import { AmqpLoraNotificationBroker } from './notifications/amqp-lora-notification-broker.js';
import {
  LoraNotificationPublisher,
  type LoraNotificationPublisherOptions,
} from './notifications/lora-notification-publisher.js';
import { LoraRegistrationStore } from './store/lora-registration-store.js';

/** Where the LoRA service is mounted. */
export interface LoraModuleOptions {
  /** The path prefix, e.g. `/lora`: the API is then at `/lora/organisation/organisationenhed` and so on. */
  prefix: string;
  /**
   * Where change notifications go (RabbitMQ); absent: they stay in the outbox (`lora_notifications`) unpublished,
   * to be sent once a node with a broker configured runs.
   */
  notifications?: LoraNotificationsOptions;
}

/** The RabbitMQ the outbox is published to, and how. */
export interface LoraNotificationsOptions extends LoraNotificationPublisherOptions {
  amqpUrl: string;
  /** The topic exchange, e.g. `lora.notifications`. */
  exchange: string;
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
      providers: [
        LoraRegistrationStore,
        LoraObjectService,
        ...(options.notifications ? [publisherProvider(options.notifications)] : []),
      ],
    };
    return [service, RouterModule.register([{ path, module: LoraModule }])];
  }
}

/** The publisher over RabbitMQ, started and stopped with the app (Nest calls its lifecycle hooks). */
function publisherProvider(options: LoraNotificationsOptions) {
  return {
    provide: LoraNotificationPublisher,
    useFactory: (dataSource: DataSource) =>
      new LoraNotificationPublisher(
        dataSource,
        new AmqpLoraNotificationBroker({ url: options.amqpUrl, exchange: options.exchange }),
        options,
      ),
    inject: [DataSource],
  };
}

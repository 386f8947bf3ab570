import { typedVariablesOf } from '#bpmn';
import type { LoraNotificationMessage } from '#lora';
import type { LoraReaction } from '../config/lora-notification-settings.js';
import type { EngineRuntime } from '../runtime/engine-runtime.js';
import { LoraReactionReceipts } from './lora-reaction-receipts.js';

/** A notification as it arrived: its body and its id (the AMQP `messageId`, the outbox row's id). */
export interface ReceivedNotification {
  message: LoraNotificationMessage;
  /** Absent when the publisher set none: then the registration itself (uuid, time, code) identifies it. */
  messageId?: string;
}

/** The configured reactions to a notification of this type and lifecycle code, in configuration order. */
export function reactionsTo(
  reactions: readonly LoraReaction[],
  message: LoraNotificationMessage,
): LoraReaction[] {
  return reactions.filter(
    (reaction) => reaction.type === message.objekttype && reaction.livscykluskode === message.livscykluskode,
  );
}

/**
 * Does what a reaction says, in the notification's tenant, each as one engine command that has committed when
 * `react` resolves. A start gets `loraUuid`, `loraType` and `loraLivscykluskode` and the uuid as business key, and
 * is idempotent per notification and process key (a redelivered notification answers the first instance); a
 * message goes to the instances whose business key (and, for Camunda 8 subscriptions, correlation key) is the uuid,
 * once per notification and message name (a redelivered notification finds its receipt and correlates nothing).
 */
export class LoraReactionRunner {
  private readonly receipts: LoraReactionReceipts;

  constructor(private readonly runtime: EngineRuntime) {
    this.receipts = new LoraReactionReceipts(runtime.dataSource);
  }

  async react(reaction: LoraReaction, received: ReceivedNotification): Promise<void> {
    const { message } = received;
    const variables = typedVariablesOf({
      loraUuid: message.uuid,
      loraType: message.objekttype,
      loraLivscykluskode: message.livscykluskode,
    });
    const notificationId =
      received.messageId ?? `${message.uuid}@${message.registreringstid}/${message.livscykluskode}`;
    if (reaction.startProcess !== undefined) {
      await this.runtime.commands.start({
        tenantId: message.tenant,
        definitionKey: reaction.startProcess,
        variables,
        businessKey: message.uuid,
        idempotencyKey: `lora-notification:${notificationId}:${reaction.startProcess}`,
      });
      return;
    }
    const messageName = reaction.correlateMessage;
    await this.receipts.once(
      message.tenant,
      `lora-notification:${notificationId}:${messageName}`,
      async () => {
        await this.runtime.routing.correlateMessage({
          tenantId: message.tenant,
          messageName,
          businessKey: message.uuid,
          correlationKey: message.uuid,
          variables,
          all: true,
        });
      },
    );
  }
}

import { typedVariablesOf } from '#bpmn';
import type { LoraNotificationMessage } from '#lora';
import type { LoraReaction } from '../config/lora-notification-settings.js';
import type { EngineRuntime } from '../runtime/engine-runtime.js';
import { correlateInTransaction } from '../runtime/message-correlation-in-transaction.js';
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
 * Does what a reaction says, in the notification's tenant, each as engine commands that have committed when
 * `react` resolves. A start gets `loraUuid`, `loraType` and `loraLivscykluskode` and the uuid as business key, and
 * is idempotent per notification and process key (a redelivered notification answers the first instance). A
 * message goes to every instance whose business key is the uuid (and, for Camunda 8 subscriptions, whose
 * correlation key is the uuid) — or, with none waiting, starts every process with that message start event — in
 * the transaction that takes the notification's receipt, so it happens once per notification and message name
 * (a redelivered notification finds its receipt and correlates nothing; a failed correlation leaves no receipt).
 * A message nothing waits for is dropped, as a LoRA change no process cares about is normal. A reaction the engine
 * refuses throws its `CommandRejectedError`; anything else thrown is worth trying again.
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
    const receipt = await this.receipts.once(
      message.tenant,
      `lora-notification:${notificationId}:${messageName}`,
      (manager) =>
        correlateInTransaction(this.runtime, manager, {
          tenantId: message.tenant,
          messageName,
          variables,
          businessKey: message.uuid,
          correlationKey: message.uuid,
          all: true,
        }),
    );
    if (receipt.ran) this.runtime.dispatchCommitted([...receipt.result.dispatch]);
  }
}

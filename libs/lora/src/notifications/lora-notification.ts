import type { Livscykluskode } from '../registration/lora-lifecycle.js';

/** A committed LoRA write, as the outbox keeps it and the broker carries it. */
export interface LoraNotification {
  /** The outbox row's id: increasing, unique per database; the AMQP `messageId`, so consumers can deduplicate. */
  id: string;
  tenant: string;
  uuid: string;
  /** The type's name, lower case: `sag`, `organisationenhed`, `klasse`… */
  objekttype: string;
  livscykluskode: Livscykluskode;
  /** The registration's start, ISO 8601 in UTC with microseconds (6 digits): read at it to get this registration. */
  registreringstid: string;
}

/** The message body: what a LoRA notification says, without the outbox's id (that is the `messageId`). */
export interface LoraNotificationMessage {
  uuid: string;
  objekttype: string;
  livscykluskode: Livscykluskode;
  registreringstid: string;
  tenant: string;
}

/** `<type>.<livscykluskode>`, e.g. `sag.Opstaaet`: a topic exchange lets consumers bind `sag.*` or `*.Slettet`. */
export function routingKeyOf(notification: Pick<LoraNotification, 'objekttype' | 'livscykluskode'>): string {
  return `${notification.objekttype}.${notification.livscykluskode}`;
}

export function messageOf(notification: LoraNotification): LoraNotificationMessage {
  return {
    uuid: notification.uuid,
    objekttype: notification.objekttype,
    livscykluskode: notification.livscykluskode,
    registreringstid: notification.registreringstid,
    tenant: notification.tenant,
  };
}

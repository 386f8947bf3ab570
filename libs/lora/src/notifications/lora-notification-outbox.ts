import type { EntityManager } from 'typeorm';
import type { Livscykluskode } from '../registration/lora-lifecycle.js';
import type { LoraNotification } from './lora-notification.js';

/**
 * Writes the notification of registration `registrationId` in the transaction that inserted it (`manager`'s), so
 * the notification exists exactly when the write committed.
 */
export async function recordNotification(manager: EntityManager, registrationId: string): Promise<void> {
  await manager.query(
    `INSERT INTO lora_notifications (tenant_id, object_uuid, object_type, livscykluskode, registered_at)
     SELECT tenant_id, uuid, object_type, livscykluskode, registered_from FROM lora_registrations WHERE id = $1`,
    [registrationId],
  );
}

/**
 * Takes the outbox for this transaction (`manager`'s) if no other publisher of this schema holds it, so one
 * publisher at a time sends, in id order; false when another one does.
 */
export async function takeOutbox(manager: EntityManager): Promise<boolean> {
  const [row] = (await manager.query(
    `SELECT pg_try_advisory_xact_lock(hashtextextended('lora-notifications:' || current_schema(), 0)) AS taken`,
  )) as Array<{ taken: boolean }>;
  return row.taken;
}

/** The oldest unpublished notifications, at most `limit`, in id order. */
export async function unpublishedNotifications(
  manager: EntityManager,
  limit: number,
): Promise<LoraNotification[]> {
  const rows = (await manager.query(
    `SELECT id::text AS id, tenant_id, object_uuid::text AS uuid, object_type, livscykluskode,
       to_char(registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS registered_at
     FROM lora_notifications WHERE published_at IS NULL ORDER BY id LIMIT $1`,
    [limit],
  )) as Array<{
    id: string;
    tenant_id: string;
    uuid: string;
    object_type: string;
    livscykluskode: Livscykluskode;
    registered_at: string;
  }>;
  return rows.map((row) => ({
    id: row.id,
    tenant: row.tenant_id,
    uuid: row.uuid,
    objekttype: row.object_type,
    livscykluskode: row.livscykluskode,
    registreringstid: row.registered_at,
  }));
}

/** Marks notifications the broker confirmed. */
export async function markPublished(manager: EntityManager, ids: readonly string[]): Promise<void> {
  await manager.query(
    `UPDATE lora_notifications SET published_at = clock_timestamp() WHERE id = ANY($1::bigint[])`,
    [ids],
  );
}

/**
 * Deletes up to `limit` notifications published more than `retentionMs` ago (by the database's clock), oldest
 * first; answers how many it deleted. Unpublished ones are never deleted, however old.
 */
export async function deletePublishedBefore(
  manager: EntityManager,
  retentionMs: number,
  limit: number,
): Promise<number> {
  const rows = (await manager.query(
    `DELETE FROM lora_notifications WHERE id IN (
       SELECT id FROM lora_notifications
       WHERE published_at IS NOT NULL AND published_at < clock_timestamp() - $1 * interval '1 millisecond'
       ORDER BY published_at LIMIT $2)
     RETURNING id`,
    [retentionMs, limit],
  )) as unknown;
  // TypeORM answers a DELETE … RETURNING on pg as [rows, count].
  return Array.isArray(rows) && typeof rows[1] === 'number' ? rows[1] : Array.isArray(rows) ? rows.length : 0;
}

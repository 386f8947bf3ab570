import { createHash } from 'node:crypto';

/** The namespace of MeMo message UUIDs this engine derives (a random UUID, fixed once). */
const MESSAGE_UUID_NAMESPACE = Buffer.from('6f1c2a4e8b7d4c1e9a3f5b2d7e0c9a41', 'hex');

/**
 * The MeMo messageUUID for one job: a name-based UUID (version 5, SHA-1) of the tenant and the job's idempotency
 * key. Every attempt at the job sends the same messageUUID, so Digital Post recognises a retry after a timeout as
 * the message it already has instead of delivering the letter twice.
 *
 * @example
 * messageUuidOf('aarhus', 'instance-1.7') === messageUuidOf('aarhus', 'instance-1.7'); // true
 */
export function messageUuidOf(tenantId: string, idempotencyKey: string): string {
  const hash = createHash('sha1')
    .update(MESSAGE_UUID_NAMESPACE)
    .update(`${tenantId}\u0000${idempotencyKey}`)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

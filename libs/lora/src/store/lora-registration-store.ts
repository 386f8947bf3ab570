import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LoraRequestError } from '../api/lora-request.error.js';
import type { LoraObjectType } from '../object-types/lora-object-types.js';
import type { DocumentUpload } from '../registration/document-contents.js';
import type { LoraContent } from '../registration/lora-content.js';
import type { Livscykluskode } from '../registration/lora-lifecycle.js';
import { searchValuesOf } from '../registration/search-values.js';
import type { LoraTimeSlice } from '../api/lora-parameters.js';
import { sqlBounds } from '../time/lora-time.js';
import { recordNotification } from '../notifications/lora-notification-outbox.js';
import { LoraNotificationPublisher } from '../notifications/lora-notification-publisher.js';
import type { PostgresValueReader } from '../registration/typed-attribute-values.js';
import { readAsLoraPostgres } from './postgres-typed-values.js';

export type { Livscykluskode } from '../registration/lora-lifecycle.js';

/** Which objects a caller's requests reach: one tenant's objects of one type. */
export interface LoraScope {
  tenantId: string;
  type: LoraObjectType;
}

/** A stored registration as read back. */
export interface StoredRegistration {
  id: string;
  uuid: string;
  /** ISO 8601 in UTC with microseconds (6 digits), as PostgreSQL keeps it; `registeredTo` null while current. */
  registeredFrom: string;
  registeredTo: string | null;
  livscykluskode: Livscykluskode;
  brugerref: string | null;
  note: string | null;
  content: LoraContent;
}

/** What a write makes of the object's current registration: a new one, or none when nothing changes. */
export type WriteDecision =
  | { livscykluskode: Livscykluskode; content: LoraContent; note: string; uploads?: DocumentUpload[] }
  | 'unchanged';

/** The outcome of a write: the object and its current registration's id (the `ETag` a client may send back). */
export interface WriteOutcome {
  uuid: string;
  registrationId: string;
  changed: boolean;
}

const REGISTRATION_COLUMNS = `id::text AS id, uuid::text AS uuid,
  to_char(registered_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "registeredFrom",
  to_char(registered_to AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "registeredTo",
  livscykluskode, brugerref, note, content`;

/**
 * The bitemporal store of LoRA objects over `lora_registrations` and `lora_search_values`, every query scoped to
 * one tenant and type. Writes to one object are serialised by a transaction-scoped advisory lock on it, so two
 * concurrent writers never lose an update: the second reads the registration the first committed.
 */
@Injectable()
export class LoraRegistrationStore {
  constructor(
    private readonly dataSource: DataSource,
    /** Present when notifications are published (AMQP_URL): told after each committed write. */
    @Optional() private readonly notifications?: LoraNotificationPublisher,
  ) {}

  /** Reads a timestamp or an interval as LoRA's database does, for the typed attribute fields. */
  readonly readPostgresValue: PostgresValueReader = (type, text) =>
    readAsLoraPostgres(this.dataSource, type, text);

  /**
   * Writes a new registration of `uuid` in one transaction: locks the object, reads its current registration,
   * checks `expectedRegistration` (a conditional write: 412 when another write came first), lets `decide` make
   * the new content from the current one (it may throw a {@link LoraRequestError}: nothing is written), closes the
   * current registration and inserts the new one with its search rows and its change notification's outbox row
   * (`lora_notifications`), so a notification exists exactly when its write committed.
   */
  async write(
    scope: LoraScope,
    uuid: string,
    brugerref: string,
    decide: (current: StoredRegistration | undefined) => WriteDecision,
    expectedRegistration?: string,
  ): Promise<WriteOutcome> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<WriteOutcome> => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `lora:${scope.tenantId}:${scope.type.name}:${uuid}`,
      ]);
      const [current] = (await manager.query(
        `SELECT ${REGISTRATION_COLUMNS} FROM lora_registrations
         WHERE tenant_id = $1 AND object_type = $2 AND uuid = $3 AND registered_to IS NULL`,
        [scope.tenantId, scope.type.name, uuid],
      )) as StoredRegistration[];
      if (expectedRegistration !== undefined && current?.id !== expectedRegistration) {
        throw new LoraRequestError(
          `The ${scope.type.className} ${uuid} has changed since registration ${expectedRegistration} was read (its current registration is ${current?.id ?? 'none'}); read it again and repeat the change`,
          412,
        );
      }
      const decision = decide(current);
      if (decision === 'unchanged') {
        return { uuid, registrationId: current?.id ?? '', changed: false };
      }
      const registrationId = await this.insertRegistration(
        manager,
        scope,
        uuid,
        brugerref,
        current,
        decision,
      );
      await recordNotification(manager, registrationId);
      // The Dokument's file contents go in with the registration that refers to them.
      for (const upload of decision.uploads ?? []) {
        await manager.query(
          `INSERT INTO lora_document_contents (tenant_id, content_path, mimetype, size, content) VALUES ($1, $2, $3, $4, $5)`,
          [scope.tenantId, upload.path, upload.mimetype, upload.bytes.length, upload.bytes],
        );
      }
      return { uuid, registrationId, changed: true };
    });
    if (outcome.changed) this.notifications?.wake();
    return outcome;
  }

  private async insertRegistration(
    manager: EntityManager,
    scope: LoraScope,
    uuid: string,
    brugerref: string,
    current: StoredRegistration | undefined,
    decision: Exclude<WriteDecision, 'unchanged'>,
  ): Promise<string> {
    // Registration times as PostgreSQL keeps them (microseconds), each after the previous one, so a client can read
    // at any fratidspunkt it saw.
    let registeredFrom: string | null = null;
    if (current) {
      const result: unknown = await manager.query(
        `UPDATE lora_registrations
         SET registered_to = greatest(clock_timestamp(), registered_from + interval '1 microsecond')
         WHERE id = $1 RETURNING registered_to::text AS at`,
        [current.id],
      );
      // TypeORM answers an UPDATE … RETURNING on pg as [rows, count].
      const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Array<{
        at: string;
      }>;
      registeredFrom = rows[0].at;
    }
    const values = searchValuesOf(scope.type, decision.content);
    // The search order (`brugervendtnoegle`): the least of the registration's, as the database collates them.
    const [inserted] = (await manager.query(
      `INSERT INTO lora_registrations
         (tenant_id, object_type, uuid, registered_from, registered_to, livscykluskode, brugerref, note, content, brugervendtnoegle)
       VALUES ($1, $2, $3, coalesce($8::timestamptz, clock_timestamp()), NULL, $4, $5, $6, $7,
         (SELECT min(key) FROM unnest($9::text[]) AS key))
       RETURNING id::text AS id`,
      [
        scope.tenantId,
        scope.type.name,
        uuid,
        decision.livscykluskode,
        brugerref,
        decision.note,
        JSON.stringify(decision.content),
        registeredFrom,
        values
          .filter((value) => value.kind === 'attribut' && value.name === 'brugervendtnoegle')
          .map((value) => value.value),
      ],
    )) as Array<{ id: string }>;
    if (values.length > 0) {
      const bounds = values.map((value) => sqlBounds(value.period));
      await manager.query(
        `INSERT INTO lora_search_values
           (tenant_id, registration_id, kind, name, value, objekttype, virkning_from, virkning_to)
         SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])`,
        [
          scope.tenantId,
          inserted.id,
          values.map((value) => value.kind),
          values.map((value) => value.name),
          values.map((value) => value.value),
          values.map((value) => value.objekttype),
          bounds.map(([from]) => from),
          bounds.map(([, to]) => to),
        ],
      );
    }
    return inserted.id;
  }

  /** The registrations of these objects in the slice's registration period (or the current ones), oldest first. */
  async registrations(
    scope: LoraScope,
    uuids: string[],
    slice: LoraTimeSlice,
  ): Promise<StoredRegistration[]> {
    const [from, to] = sqlBounds(slice.registration);
    return (await this.dataSource.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM lora_registrations
       WHERE tenant_id = $1 AND object_type = $2 AND uuid = ANY($3::uuid[]) AND ${registrationCondition(slice, '$4', '$5')}
       ORDER BY uuid, registered_from`,
      [scope.tenantId, scope.type.name, uuids, from, to],
    )) as StoredRegistration[];
  }

  /** A Dokument part's stored file content by its content path, or undefined. */
  async documentContent(
    tenantId: string,
    path: string,
  ): Promise<{ mimetype: string | null; bytes: Buffer } | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT mimetype, content FROM lora_document_contents WHERE tenant_id = $1 AND content_path = $2`,
      [tenantId, path],
    )) as Array<{ mimetype: string | null; content: Uint8Array }>;
    return row ? { mimetype: row.mimetype, bytes: Buffer.from(row.content) } : undefined;
  }

  /** Runs a search built by the search query (its SQL and parameters, the scope's first). */
  async search(sql: string, parameters: unknown[]): Promise<string[]> {
    const rows = (await this.dataSource.query(sql, parameters)) as Array<{ uuid: string }>;
    return rows.map((row) => row.uuid);
  }
}

/**
 * The SQL condition on `lora_registrations` for a slice's registration axis: the current registrations (its
 * partial index) when no registration time was asked for, else those overlapping the period `fromSql`..`toSql`.
 */
export function registrationCondition(
  slice: LoraTimeSlice,
  fromSql: string,
  toSql: string,
  alias = '',
): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const overlap = `tstzrange(${column('registered_from')}, ${column('registered_to')}) && tstzrange(${fromSql}::timestamptz, ${toSql}::timestamptz)`;
  // The bounds stay referenced either way, so their parameter types are known.
  return slice.currentRegistration
    ? `${column('registered_to')} IS NULL AND tstzrange(${fromSql}::timestamptz, ${toSql}::timestamptz) IS NOT NULL`
    : overlap;
}

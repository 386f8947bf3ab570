import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { deferrableWrite, expectRow, inLazyTransaction, mergeShapeOf, WriteBatch } from './write-batch.js';

/** A manager that records what reaches the database. */
function recordingManager() {
  const sent: Array<{ sql: string; parameters: unknown[] }> = [];
  const manager = {
    query: async (sql: string, parameters: unknown[] = []) => {
      sent.push({ sql: sql.replace(/\s+/g, ' ').trim(), parameters });
      return [{ answered: sql }];
    },
    connection: 'the real one',
  } as unknown as EntityManager;
  return { manager, sent };
}

describe('WriteBatch', () => {
  it('sends writes to distinct tables as one statement, parameters renumbered in order', async () => {
    const { manager, sent } = recordingManager();
    const batch = new WriteBatch(manager);
    expect(await batch.manager.query('INSERT INTO a (x, y) VALUES ($1, $2)', [1, 2])).toEqual([]);
    await batch.manager.query('UPDATE b SET x = $1 WHERE id = $2', [3, 'b1']);
    await batch.manager.query('DELETE FROM c WHERE id = $1', ['c1']);
    expect(sent).toEqual([]);
    await batch.flush();
    expect(sent).toEqual([
      {
        sql: 'WITH w0 AS (INSERT INTO a (x, y) VALUES ($1, $2)), w1 AS (UPDATE b SET x = $3 WHERE id = $4) DELETE FROM c WHERE id = $5',
        parameters: [1, 2, 3, 'b1', 'c1'],
      },
    ]);
  });

  it('never lets two statements on one table share a combined statement, and keeps their order', async () => {
    const { manager, sent } = recordingManager();
    const batch = new WriteBatch(manager);
    await batch.manager.query('INSERT INTO variables (v) VALUES ($1)', ['x']);
    await batch.manager.query('INSERT INTO jobs (id) VALUES ($1)', ['j']);
    await batch.manager.query('DELETE FROM variables WHERE v = $1', ['x']);
    await batch.flush();
    expect(sent.map((statement) => statement.sql)).toEqual([
      'WITH w0 AS (INSERT INTO variables (v) VALUES ($1)) INSERT INTO jobs (id) VALUES ($2)',
      'DELETE FROM variables WHERE v = $1',
    ]);
  });

  it('sends what is deferred before a read, a RETURNING or anything it does not know, and answers with its result', async () => {
    const { manager, sent } = recordingManager();
    const batch = new WriteBatch(manager);
    await batch.manager.query('INSERT INTO a (x) VALUES ($1)', [1]);
    expect(await batch.manager.query('SELECT x FROM a WHERE x = $1', [1])).toEqual([
      { answered: 'SELECT x FROM a WHERE x = $1' },
    ]);
    await batch.manager.query('INSERT INTO b (x) VALUES ($1)', [2]);
    await batch.manager.query('UPDATE c SET x = 1 WHERE id = $1 RETURNING id', ['c']);
    expect(sent.map((statement) => statement.sql)).toEqual([
      'INSERT INTO a (x) VALUES ($1)',
      'SELECT x FROM a WHERE x = $1',
      'INSERT INTO b (x) VALUES ($1)',
      'UPDATE c SET x = 1 WHERE id = $1 RETURNING id',
    ]);
  });

  it("defers a writer's own WITH statement as a unit and flattens it into the combined statement", async () => {
    const { manager, sent } = recordingManager();
    const batch = new WriteBatch(manager);
    await batch.manager.query('DELETE FROM jobs WHERE id = $1', ['j']);
    await batch.manager.query(
      `WITH ended AS (UPDATE h AS t SET s = v.s FROM (VALUES ($1::text, $2::text)) AS v (id, s) WHERE t.id = v.id)
       INSERT INTO h (id, s) VALUES ($3, 'it''s (new)')`,
      ['old', 'completed', 'new'],
    );
    await batch.flush();
    expect(sent).toEqual([
      {
        sql:
          'WITH w0 AS (DELETE FROM jobs WHERE id = $1), w1 AS (UPDATE h AS t SET s = v.s FROM (VALUES ($2::text, $3::text)) AS v (id, s) WHERE t.id = v.id) ' +
          "INSERT INTO h (id, s) VALUES ($4, 'it''s (new)')",
        parameters: ['j', 'old', 'completed', 'new'],
      },
    ]);
  });

  it('passes everything but query through to the real manager', () => {
    const { manager } = recordingManager();
    expect((new WriteBatch(manager).manager as unknown as { connection: string }).connection).toBe(
      'the real one',
    );
  });
});

describe('merging inserts (several commands written together)', () => {
  it('adds an insert of the same text to the deferred one as more rows, parameters renumbered', async () => {
    const { manager, sent } = recordingManager();
    const batch = new WriteBatch(manager, undefined, true);
    await batch.manager.query('INSERT INTO a (x, y) VALUES ($1, $2)', [1, 2]);
    await batch.manager.query('INSERT INTO b (x) VALUES ($1), ($2)', ['b1', 'b2']);
    await batch.manager.query('INSERT INTO a (x, y) VALUES ($1, $2)', [3, 4]);
    await batch.manager.query('INSERT INTO b (x) VALUES ($1)', ['b3']);
    await batch.flush();
    expect(sent).toEqual([
      {
        sql: 'WITH w0 AS (INSERT INTO a (x, y) VALUES ($1, $2), ($3, $4)) INSERT INTO b (x) VALUES ($5), ($6), ($7)',
        parameters: [1, 2, 3, 4, 'b1', 'b2', 'b3'],
      },
    ]);
  });

  it('keeps inserts apart whose columns or ON CONFLICT clause differ, and never merges without being asked', async () => {
    const merging = recordingManager();
    const batch = new WriteBatch(merging.manager, undefined, true);
    await batch.manager.query('INSERT INTO a (x) VALUES ($1) ON CONFLICT (x) DO NOTHING', [1]);
    await batch.manager.query('INSERT INTO a (x) VALUES ($1)', [2]);
    await batch.manager.query('INSERT INTO a (y) VALUES ($1) ON CONFLICT (x) DO NOTHING', [3]);
    await batch.flush();
    expect(merging.sent.map((statement) => statement.sql)).toEqual([
      'INSERT INTO a (x) VALUES ($1) ON CONFLICT (x) DO NOTHING',
      'INSERT INTO a (x) VALUES ($1)',
      'INSERT INTO a (y) VALUES ($1) ON CONFLICT (x) DO NOTHING',
    ]);
    const plain = recordingManager();
    const unmerged = new WriteBatch(plain.manager);
    await unmerged.manager.query('INSERT INTO a (x) VALUES ($1)', [1]);
    await unmerged.manager.query('INSERT INTO a (x) VALUES ($1)', [2]);
    await unmerged.flush();
    expect(plain.sent).toHaveLength(2);
  });

  it('merges updates over VALUES, deletes and optimistically locked writes, each unit part by part', async () => {
    const { manager, sent } = recordingManager();
    const batch = new WriteBatch(manager, undefined, true);
    const conflict = () => new Error('stale');
    for (const id of ['i1', 'i2']) {
      await expectRow(
        batch.manager,
        'UPDATE p AS x SET s = v.s, version = x.version + 1 FROM (VALUES ($1::text, $2::int, $3::text)) AS v (id, version, s) WHERE x.id = v.id AND x.version = v.version',
        [id, 1, 'new'],
        conflict,
      );
      await batch.manager.query('DELETE FROM jobs WHERE id = $1', [`${id}-job`]);
      await batch.manager.query(
        'WITH a AS (UPDATE h AS t SET s = v.s FROM (VALUES ($1::text, $2::text)) AS v (id, s) WHERE t.id = v.id) INSERT INTO h (id) VALUES ($3)',
        [`${id}-h1`, 'done', `${id}-h2`],
      );
    }
    await batch.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0].sql).toBe(
      'WITH w0 AS (UPDATE p AS x SET s = v.s, version = x.version + 1 FROM (VALUES ($1::text, $2::int, $3::text), ($4::text, $5::int, $6::text)) AS v (id, version, s) WHERE x.id = v.id AND x.version = v.version RETURNING 1), ' +
        'w1 AS (DELETE FROM jobs WHERE (id = $7) OR (id = $8)), ' +
        'w2 AS (UPDATE h AS t SET s = v.s FROM (VALUES ($9::text, $10::text), ($12::text, $13::text)) AS v (id, s) WHERE t.id = v.id), ' +
        'w3 AS (INSERT INTO h (id) VALUES ($11), ($14)) SELECT 1 / ((SELECT count(*) FROM w0) = 2)::int',
    );
    expect(sent[0].parameters).toEqual([
      'i1',
      1,
      'new',
      'i2',
      1,
      'new',
      'i1-job',
      'i2-job',
      'i1-h1',
      'done',
      'i1-h2',
      'i2-h1',
      'done',
      'i2-h2',
    ]);
  });

  it('splits a write around its rows, and refuses anything else', () => {
    expect(
      mergeShapeOf(
        `INSERT INTO variables (a, b) VALUES ($1, 'x(1)'), ($2, $3) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b`,
      ),
    ).toEqual({
      head: 'INSERT INTO variables (a, b) VALUES',
      rows: "($1, 'x(1)'), ($2, $3)",
      tail: ' ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b',
      separator: ', ',
    });
    expect(
      mergeShapeOf(
        'UPDATE h AS t SET s = v.s FROM (VALUES ($1::text, $2::text)) AS v (id, s) WHERE t.id = v.id',
      ),
    ).toEqual({
      head: 'UPDATE h AS t SET s = v.s FROM (VALUES',
      rows: '($1::text, $2::text)',
      tail: ') AS v (id, s) WHERE t.id = v.id',
      separator: ', ',
    });
    expect(mergeShapeOf('DELETE FROM jobs WHERE id = $1 AND tenant_id = $2')).toEqual({
      head: 'DELETE FROM jobs WHERE',
      rows: '(id = $1 AND tenant_id = $2)',
      tail: '',
      separator: ' OR ',
    });
    expect(mergeShapeOf('INSERT INTO a (x) VALUES ($1) RETURNING x')).toBeUndefined();
    expect(mergeShapeOf('INSERT INTO a (x) SELECT $1')).toBeUndefined();
    expect(mergeShapeOf('UPDATE a SET x = $1 WHERE id = $2')).toBeUndefined();
  });
});

describe('deferrableWrite', () => {
  it.each([
    ['INSERT INTO jobs (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', ['jobs']],
    ["UPDATE jobs SET due_at = 'infinity' WHERE id = $1", ['jobs']],
    ['DELETE FROM variables WHERE process_instance_id = $1 AND scope_key = ANY($2)', ['variables']],
    ['UPDATE h AS t SET s = v.s FROM (VALUES ($1::text, $2::text)) AS v (id, s) WHERE t.id = v.id', ['h']],
    ['WITH a AS (DELETE FROM x WHERE id = $1) INSERT INTO y (id) VALUES ($2)', ['x', 'y']],
  ])('defers %s', (sql, tables) => {
    expect(deferrableWrite(sql)?.tables).toEqual(tables);
  });

  it.each([
    'SELECT * FROM jobs',
    'UPDATE jobs SET lock_owner = $2 WHERE id = $1 RETURNING id',
    'INSERT INTO a (x) SELECT x FROM b',
    'DELETE FROM a USING b WHERE a.id = b.id',
    'UPDATE a SET x = 1 FROM b WHERE a.id = b.id',
    'WITH a AS (SELECT 1) INSERT INTO y (id) VALUES ($1)',
    'WITH a AS (DELETE FROM x WHERE id = $1 RETURNING id) INSERT INTO y (id) VALUES ($2)',
    'START TRANSACTION',
    'INSERT INTO a (x) VALUES (1); DELETE FROM b',
  ])('runs %s at once', (sql) => {
    expect(deferrableWrite(sql)).toBeUndefined();
  });
});

describe('on PostgreSQL', () => {
  let db: TestDatabase;
  const rows = async (table: string) =>
    ((await db.dataSource.query(`SELECT id FROM ${table} ORDER BY id`)) as Array<{ id: string }>).map(
      (row) => row.id,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.query(`CREATE TABLE parents (id text PRIMARY KEY, version int NOT NULL DEFAULT 1)`);
    await db.dataSource.query(
      `CREATE TABLE children (id text PRIMARY KEY, parent_id text NOT NULL REFERENCES parents (id))`,
    );
  });

  afterAll(() => db.drop());

  it('writes a parent and its child in one statement, without a transaction', async () => {
    await inLazyTransaction(db.dataSource, async (manager) => {
      await manager.query(`INSERT INTO children (id, parent_id) VALUES ($1, $2)`, ['c1', 'p1']);
      await manager.query(`INSERT INTO parents (id) VALUES ($1)`, ['p1']);
    });
    expect(await rows('parents')).toEqual(['p1']);
    expect(await rows('children')).toEqual(['c1']);
  });

  it('writes nothing of a statement whose guarded write found no row, and throws its error', async () => {
    const conflict = () => new Error('changed by someone else');
    await expect(
      inLazyTransaction(db.dataSource, async (manager) => {
        await manager.query(`SELECT id FROM parents WHERE id = $1`, ['p1']);
        await expectRow(
          manager,
          `UPDATE parents SET version = version + 1 WHERE id = $1 AND version = $2`,
          ['p1', 7],
          conflict,
        );
        await manager.query(`INSERT INTO children (id, parent_id) VALUES ($1, $2)`, ['c2', 'p1']);
      }),
    ).rejects.toThrow('changed by someone else');
    expect(await rows('children')).toEqual(['c1']);
    await inLazyTransaction(db.dataSource, async (manager) => {
      await expectRow(
        manager,
        `UPDATE parents SET version = version + 1 WHERE id = $1 AND version = $2`,
        ['p1', 1],
        conflict,
      );
      await manager.query(`INSERT INTO children (id, parent_id) VALUES ($1, $2)`, ['c2', 'p1']);
    });
    expect(await rows('children')).toEqual(['c1', 'c2']);
  });

  it('begins a transaction when a read follows a write, and rolls all of it back on failure', async () => {
    await expect(
      inLazyTransaction(db.dataSource, async (manager) => {
        await manager.query(`INSERT INTO parents (id) VALUES ($1)`, ['p2']);
        const seen = (await manager.query(`SELECT id FROM parents WHERE id = $1`, ['p2'])) as unknown[];
        expect(seen).toHaveLength(1);
        await manager.query(`INSERT INTO parents (id) VALUES ($1)`, ['p1']);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await rows('parents')).toEqual(['p1']);
  });

  it('merges the inserts of several commands into multi-row inserts of one statement', async () => {
    await inLazyTransaction(
      db.dataSource,
      async (manager) => {
        for (const id of ['m1', 'm2', 'm3']) {
          await manager.query(`INSERT INTO parents (id) VALUES ($1)`, [id]);
          await manager.query(`INSERT INTO children (id, parent_id) VALUES ($1, $2)`, [`${id}-child`, id]);
        }
      },
      { mergeRows: true },
    );
    expect(await rows('children')).toEqual(expect.arrayContaining(['m1-child', 'm2-child', 'm3-child']));
    expect(await rows('parents')).toEqual(expect.arrayContaining(['m1', 'm2', 'm3']));
  });
});

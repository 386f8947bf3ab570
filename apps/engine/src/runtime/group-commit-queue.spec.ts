import { describe, expect, it } from '@jest/globals';
import { GroupCommitQueue, settle, type Settled } from './group-commit-queue.js';

/** A batch runner whose batches finish when the test says so. */
function controlledRunner() {
  const batches: Array<{ items: number[]; finish: () => void }> = [];
  const run = (items: number[]) =>
    new Promise<Array<Settled<number>>>((resolve) => {
      batches.push({
        items,
        finish: () =>
          resolve(
            items.map((item) =>
              item < 0 ? { ok: false, error: new Error(`refused ${item}`) } : { ok: true, value: item * 10 },
            ),
          ),
      });
    });
  return { batches, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommitQueue', () => {
  it('sends the first items at once, each alone, and groups what arrives while they are in flight', async () => {
    const { batches, run } = controlledRunner();
    const queue = new GroupCommitQueue(run, { maxBatches: 2, maxBatchSize: 10 });
    const answers = [1, 2, 3, 4, 5].map((item) => queue.submit(item));
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2]]);
    expect(queue.pending).toBe(5);
    batches[0].finish();
    await tick();
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2], [3, 4, 5]]);
    batches[1].finish();
    batches[2].finish();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50]);
    expect(queue.pending).toBe(0);
  });

  it('takes at most maxBatchSize items per batch', async () => {
    const { batches, run } = controlledRunner();
    const queue = new GroupCommitQueue(run, { maxBatches: 1, maxBatchSize: 2 });
    const answers = [1, 2, 3, 4, 5, 6].map((item) => queue.submit(item));
    for (let round = 0; round < 4; round += 1) {
      batches.at(-1)?.finish();
      await tick();
    }
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2, 3], [4, 5], [6]]);
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('fails only the item its batch refused, and every item of a batch that threw', async () => {
    const { batches, run } = controlledRunner();
    const queue = new GroupCommitQueue(run, { maxBatches: 1, maxBatchSize: 10 });
    const first = queue.submit(1);
    const refused = queue.submit(-2);
    const fine = queue.submit(3);
    batches[0].finish();
    await tick();
    batches[1].finish();
    await expect(first).resolves.toBe(10);
    await expect(refused).rejects.toThrow('refused -2');
    await expect(fine).resolves.toBe(30);

    const throwing = new GroupCommitQueue<number, number>(() => Promise.reject(new Error('database gone')), {
      maxBatches: 1,
      maxBatchSize: 10,
    });
    const outcomes = await Promise.allSettled([throwing.submit(1), throwing.submit(2)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(throwing.pending).toBe(0);
  });

  it('settle tells how work ended without throwing', async () => {
    expect(await settle(() => Promise.resolve(7))).toEqual({ ok: true, value: 7 });
    const failed = await settle(() => Promise.reject(new Error('no')));
    expect(failed.ok).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { ExternalTaskNotifier } from './external-task-notifier.js';

const interest = { topics: new Set(['cpr-lookup']), tenantIds: new Set(['', 'aarhus']) };

/** How long `next` took, in milliseconds. */
async function timed(wait: Promise<void>): Promise<number> {
  const began = Date.now();
  await wait;
  return Date.now() - began;
}

describe('ExternalTaskNotifier', () => {
  it('wakes a waiting fetch for its topic and tenant at once', async () => {
    const notifier = new ExternalTaskNotifier(10_000);
    const subscription = notifier.subscribe(interest);
    const waited = timed(subscription.next(10_000));
    notifier.announce([{ tenantId: 'aarhus', topic: 'cpr-lookup' }]);
    expect(await waited).toBeLessThan(1000);
    subscription.close();
  });

  it('remembers an announcement that came before the wait (between a fetch and its wait)', async () => {
    const notifier = new ExternalTaskNotifier(10_000);
    const subscription = notifier.subscribe(interest);
    notifier.announce([{ tenantId: '', topic: 'cpr-lookup' }]);
    expect(await timed(subscription.next(10_000))).toBeLessThan(1000);
    subscription.close();
  });

  it('ignores other topics and tenants, and re-checks after the interval', async () => {
    const notifier = new ExternalTaskNotifier(300);
    const subscription = notifier.subscribe(interest);
    const waited = timed(subscription.next(10_000));
    notifier.announce([
      { tenantId: 'odense', topic: 'cpr-lookup' },
      { tenantId: '', topic: 'letters' },
    ]);
    expect(await waited).toBeGreaterThanOrEqual(250);
    subscription.close();
  });

  it('ends every wait on close, and lets no new one wait', async () => {
    const notifier = new ExternalTaskNotifier(10_000);
    const subscription = notifier.subscribe(interest);
    const waited = timed(subscription.next(10_000));
    notifier.close();
    expect(await waited).toBeLessThan(1000);
    expect(subscription.open).toBe(false);
    expect(notifier.subscribe(interest).open).toBe(false);
  });
});

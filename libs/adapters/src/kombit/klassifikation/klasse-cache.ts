import type { LoraKlasse } from '#lora';

interface Entry {
  readonly klasse: LoraKlasse;
  readonly expiresAt: number;
}

/**
 * Klasser found in Klassifikation, kept per tenant (and endpoint, facet, brugervendtnoegle) until their time to
 * live has passed: KLE changes a few times a year, and a process looks up the same numbers all day. What was not
 * found is not kept, so a klasse added today is found at once.
 */
export class KlasseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /** The cache key: nothing one tenant looks up is ever answered to another. */
  static keyOf(tenantId: string, url: string, facet: string | undefined, brugervendtnoegle: string): string {
    return JSON.stringify([tenantId, url, facet?.toLowerCase() ?? null, brugervendtnoegle.toLowerCase()]);
  }

  get(key: string): LoraKlasse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() < entry.expiresAt) return entry.klasse;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, klasse: LoraKlasse, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.set(key, { klasse, expiresAt: this.now() + ttlMs });
  }
}

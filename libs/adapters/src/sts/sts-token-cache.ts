import type { ConnectorContext } from '../contract/connector.js';
import type { StsToken } from './sts-response.js';

interface CachedToken extends StsToken {
  /** When to stop handing it out and ask for a new one (the expiry minus the renewal margin). */
  readonly renewAt: number;
}

/**
 * The STS tokens one service instance holds, for both SF1514 variants (REST and SOAP WS-Trust): each kept under its
 * key (tenant, STS, CVR, service, certificate — the caller builds it) until `renewBeforeMs` before it expires (at
 * most half its lifetime), and one issue request shared by every call waiting for the same key.
 */
export class StsTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(private readonly now: () => number) {}

  /** The token under `key`: cached and not yet due for renewal, or issued now by `issue`. */
  async token(key: string, renewBeforeMs: number, issue: () => Promise<StsToken>): Promise<StsToken> {
    const cached = this.tokens.get(key);
    if (cached && this.now() < cached.renewAt) return { token: cached.token, expiresAt: cached.expiresAt };
    let issuing = this.pending.get(key);
    if (!issuing) {
      issuing = this.issue(renewBeforeMs, issue).finally(() => this.pending.delete(key));
      this.pending.set(key, issuing);
    }
    const fresh = await issuing;
    this.tokens.set(key, fresh);
    return { token: fresh.token, expiresAt: fresh.expiresAt };
  }

  /** Forgets the token under `key` (the service answered "token expired"). */
  invalidate(key: string): void {
    this.tokens.delete(key);
  }

  private async issue(renewBeforeMs: number, issue: () => Promise<StsToken>): Promise<CachedToken> {
    const started = this.now();
    const issued = await issue();
    const lifetimeMs = issued.expiresAt.getTime() - started;
    const margin = Math.min(renewBeforeMs, Math.max(lifetimeMs, 0) / 2);
    return { token: issued.token, expiresAt: issued.expiresAt, renewAt: issued.expiresAt.getTime() - margin };
  }
}

/** What the støttesystemer's clients need from either STS variant. */
export interface StsTokenSource {
  /** A valid token for the service with `entityId`, for the calling tenant. */
  token(context: ConnectorContext, entityId: string): Promise<StsToken>;
  /** Forgets the tenant's token for the service: it answered "token expired". */
  invalidate(context: ConnectorContext, entityId: string): Promise<void>;
}

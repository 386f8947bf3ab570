import type { TestCertificates } from '../test-certificates.js';
import { jsonAnswer, startMtlsServer, type MtlsAnswer, type MtlsRequest } from './mtls-server.js';

/**
 * Test support: KOMBIT's security token service (SF1514, REST variant) on loopback, with mutual TLS. It checks that
 * `UseKey` is the client certificate the call came with, that `AnvenderKontekst.Cvr` and `AppliesTo` are given and
 * `RequestType` is Issue, and issues a SAML-assertion-like token naming who asked (certificate, CVR, service) with a
 * `Lifetime` in STS's `MM/DD/YYYY HH:MM:SS` form. The services' stand-ins ask it ({@link FakeSts.grantOf}) whom a
 * token was issued to, and whether it has expired on the shared clock.
 */

export const FAKE_STS_ISSUE_PATH = '/runtime/api/rest/wstrust/v1/issue';

/** Who a token was issued to. */
export interface FakeStsGrant {
  /** The function certificate's subject CN. */
  readonly certificate: string;
  readonly cvr: string;
  /** The service's entity id. */
  readonly appliesTo: string;
  readonly expiresAt: number;
}

export interface FakeStsOptions {
  /** The clock's start (default 2026-01-05T09:00:00Z); tests move {@link FakeSts.clock}. */
  clock?: number;
  /** The lifetime of the tokens it issues (default one hour). */
  lifetimeMs?: number;
}

export interface FakeSts {
  readonly issueUrl: string;
  /** Every token issued, in order. */
  readonly issued: FakeStsGrant[];
  /** The clock the STS and the services' stand-ins read, so expiry is tested without waiting. */
  clock: number;
  lifetimeMs: number;
  /** The next answers' status instead of a token, while set. */
  refuseWith: number | undefined;
  /** Whom the token was issued to and whether it still holds; undefined when this STS never issued it. */
  grantOf(token: string): (FakeStsGrant & { readonly expired: boolean }) | undefined;
  /** Makes every token issued so far count as expired (a service then answers "token expired"). */
  expireIssuedTokens(): void;
  close(): Promise<void>;
}

const pad = (value: number) => String(value).padStart(2, '0');
const stsDateTime = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

interface IssueBody {
  AnvenderKontekst?: { Cvr?: string };
  UseKey?: string;
  AppliesTo?: { EndpointReference?: { Address?: string } };
  TokenType?: string;
  RequestType?: string;
}

/** Starts the STS; `close()` it when done. */
export async function startFakeSts(
  certificates: TestCertificates,
  options: FakeStsOptions = {},
): Promise<FakeSts> {
  const grants = new Map<string, FakeStsGrant & { revoked: boolean }>();
  const issue = (request: MtlsRequest): MtlsAnswer => {
    if (request.method !== 'POST' || request.path !== FAKE_STS_ISSUE_PATH)
      return jsonAnswer(404, { error: 'no such path' });
    const body = JSON.parse(request.body) as IssueBody;
    const cvr = body.AnvenderKontekst?.Cvr;
    const appliesTo = body.AppliesTo?.EndpointReference?.Address;
    if (body.UseKey !== request.clientCertificate)
      return jsonAnswer(400, { error: 'UseKey is not the client certificate' });
    if (!cvr || !appliesTo || !body.RequestType?.endsWith('/Issue'))
      return jsonAnswer(400, { error: 'invalid request' });
    if (fake.refuseWith !== undefined) return jsonAnswer(fake.refuseWith, { error: 'refused' });
    const grant = {
      certificate: request.clientName,
      cvr,
      appliesTo,
      expiresAt: fake.clock + fake.lifetimeMs,
    };
    fake.issued.push(grant);
    const token =
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_fake-sts-${fake.issued.length}" ` +
      `cert="${grant.certificate}" cvr="${cvr}" for="${appliesTo}"/>`;
    grants.set(token, { ...grant, revoked: false });
    return jsonAnswer(200, {
      RequestedSecurityToken: { Assertion: token },
      Lifetime: stsDateTime(grant.expiresAt),
      TokenType: body.TokenType,
    });
  };
  const server = await startMtlsServer(certificates, issue);
  const fake: FakeSts = {
    issueUrl: `${server.origin}${FAKE_STS_ISSUE_PATH}`,
    issued: [],
    clock: options.clock ?? Date.UTC(2026, 0, 5, 9, 0, 0),
    lifetimeMs: options.lifetimeMs ?? 60 * 60_000,
    refuseWith: undefined,
    grantOf(token) {
      const grant = grants.get(token);
      if (!grant) return undefined;
      const { revoked, ...rest } = grant;
      return { ...rest, expired: revoked || fake.clock >= grant.expiresAt };
    },
    expireIssuedTokens() {
      for (const grant of grants.values()) grant.revoked = true;
    },
    close: () => server.close(),
  };
  return fake;
}

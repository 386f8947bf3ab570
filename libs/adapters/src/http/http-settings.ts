import { PermanentConnectorError } from '../contract/connector-errors.js';
import { schema, type Infer, type SchemaIssue } from '../schema/schema.js';

/**
 * The part of a tenant's connector settings the shared HTTP layer reads: how to authenticate and which client
 * certificate to present. Every secret is a `{ "secretRef": … }` reference, resolved only when a call needs it.
 *
 * @example
 * {
 *   "baseUrl": "https://sbsys.aarhus.example",
 *   "auth": { "type": "oauth2", "grant": "client_credentials", "tokenUrl": "https://idp.example/token",
 *             "clientId": "kommune-flow", "clientSecret": { "secretRef": "env:KF_SECRET_SBSYS" } },
 *   "tls": { "certificate": { "secretRef": "file:/run/secrets/foces.crt" }, "privateKey": { "secretRef": "file:/run/secrets/foces.key" } }
 * }
 */
const secretRef = schema.object({ secretRef: schema.string({ minLength: 1 }) });

const noAuth = schema.object({ type: schema.enum(['none']) });
const bearerAuth = schema.object({ type: schema.enum(['bearer']), token: secretRef });
const apiKeyAuth = schema.object({
  type: schema.enum(['api-key']),
  header: schema.string({ minLength: 1, pattern: /^[A-Za-z0-9-]+$/ }),
  key: secretRef,
});
const basicAuth = schema.object({
  type: schema.enum(['basic']),
  username: schema.string({ minLength: 1 }),
  password: secretRef,
});
const oauth2Auth = schema.object({
  type: schema.enum(['oauth2']),
  grant: schema.enum(['client_credentials', 'password']),
  tokenUrl: schema.string({ pattern: /^https?:\/\/\S+$/ }),
  clientId: schema.string({ minLength: 1 }),
  clientSecret: schema.optional(secretRef),
  /** For the password grant. */
  username: schema.optional(schema.string({ minLength: 1 })),
  password: schema.optional(secretRef),
  scope: schema.optional(schema.string()),
  audience: schema.optional(schema.string()),
  /** Renew a token this long before it expires (default 60 s, at most half its lifetime). */
  renewBeforeMs: schema.optional(schema.integer({ minimum: 0 })),
});

const pemTls = schema.object({
  certificate: secretRef,
  privateKey: secretRef,
  passphrase: schema.optional(secretRef),
  ca: schema.optional(secretRef),
});
const pkcs12Tls = schema.object({
  /** The PKCS#12 file's bytes, base64-encoded (`openssl base64 -A -in function-certificate.p12`). */
  pkcs12: secretRef,
  passphrase: schema.optional(secretRef),
  ca: schema.optional(secretRef),
});
const caOnlyTls = schema.object({ ca: secretRef });

export type NoAuth = Infer<typeof noAuth>;
export type BearerAuth = Infer<typeof bearerAuth>;
export type ApiKeyAuth = Infer<typeof apiKeyAuth>;
export type BasicAuth = Infer<typeof basicAuth>;
export type OAuth2Auth = Infer<typeof oauth2Auth>;
export type HttpAuthSettings = NoAuth | BearerAuth | ApiKeyAuth | BasicAuth | OAuth2Auth;
export type PemTlsSettings = Infer<typeof pemTls>;
export type Pkcs12TlsSettings = Infer<typeof pkcs12Tls>;
export type TlsSettings = PemTlsSettings | Pkcs12TlsSettings | Infer<typeof caOnlyTls>;

const authSchemas = {
  none: noAuth,
  bearer: bearerAuth,
  'api-key': apiKeyAuth,
  basic: basicAuth,
  oauth2: oauth2Auth,
} as const;

/** The HTTP part of a tenant's settings, checked. */
export interface HttpSettings {
  auth: HttpAuthSettings;
  tls?: TlsSettings;
  /** Where in the connector settings these were read, as a dotted prefix (`''`, `endpoints.sbsys`), to resolve their secrets. */
  path: string;
}

function refuse(where: string, issues: readonly SchemaIssue[]): never {
  throw new PermanentConnectorError(
    `${where}: ${issues.map((issue) => `${issue.path.replace(/^\$\.?/, '')} ${issue.message}`).join('; ')}`,
  );
}

function rename(issues: readonly SchemaIssue[], field: string): SchemaIssue[] {
  return issues.map((issue) => ({ ...issue, path: issue.path.replace(/^\$/, `$.${field}`) }));
}

/**
 * Reads `auth` (default `{ "type": "none" }`) and `tls` from a tenant's connector settings; a permanent failure
 * naming every wrong field (`auth.tokenUrl …`) when they do not fit — a configuration error retrying cannot fix.
 */
export function httpSettingsOf(
  frozen: Readonly<Record<string, unknown>>,
  where: string,
  path = '',
): HttpSettings {
  // A plain copy: the stored settings may come from another realm (a structured clone), which the schemas refuse.
  const settings = JSON.parse(JSON.stringify(frozen)) as Record<string, unknown>;
  const prefix = path === '' ? '' : `${path}.`;
  const fail: (issues: readonly SchemaIssue[]) => never = (issues) =>
    refuse(
      where,
      issues.map((issue) => ({ ...issue, path: issue.path.replace(/^\$\.?/, `$.${prefix}`) })),
    );
  const rawAuth = settings['auth'] ?? { type: 'none' };
  const type = (rawAuth as { type?: unknown }).type;
  const authSchema = authSchemas[type as keyof typeof authSchemas];
  if (!authSchema) {
    fail([
      {
        path: '$.auth.type',
        message: `expected one of ${Object.keys(authSchemas)
          .map((name) => `'${name}'`)
          .join(', ')}`,
      },
    ]);
  }
  const auth = authSchema.validate(rawAuth);
  if (!auth.ok) fail(rename(auth.issues, 'auth'));
  if (auth.value.type === 'oauth2') {
    const missing: SchemaIssue[] = [];
    if (auth.value.grant === 'password' && auth.value.username === undefined)
      missing.push({ path: '$.auth.username', message: 'is needed for the password grant' });
    if (auth.value.grant === 'password' && auth.value.password === undefined)
      missing.push({ path: '$.auth.password', message: 'is needed for the password grant' });
    if (auth.value.grant === 'client_credentials' && auth.value.clientSecret === undefined)
      missing.push({ path: '$.auth.clientSecret', message: 'is needed for the client_credentials grant' });
    if (missing.length > 0) fail(missing);
  }
  const rawTls = settings['tls'];
  if (rawTls === undefined) return { auth: auth.value as HttpAuthSettings, path };
  const tlsSchema =
    typeof rawTls === 'object' && rawTls !== null && 'pkcs12' in rawTls
      ? pkcs12Tls
      : typeof rawTls === 'object' && rawTls !== null && Object.keys(rawTls).join() === 'ca'
        ? caOnlyTls
        : pemTls;
  const tls = tlsSchema.validate(rawTls);
  if (!tls.ok) fail(rename(tls.issues, 'tls'));
  return { auth: auth.value as HttpAuthSettings, tls: tls.value, path };
}

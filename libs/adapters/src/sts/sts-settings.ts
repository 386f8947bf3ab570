import { PermanentConnectorError } from '../contract/connector-errors.js';
import { schema, type Infer } from '../schema/schema.js';

/** Renew an STS token this long before it expires unless the settings say otherwise (at most half its lifetime). */
export const DEFAULT_STS_RENEW_BEFORE_MS = 5 * 60_000;

const stsSchema = schema.object({
  /** The REST issue endpoint (`https://adgangsstyring.stoettesystemerne.dk/runtime/api/rest/wstrust/v1/issue`). */
  issueUrl: schema.optional(
    schema.string({ pattern: /^https:\/\/\S+\/runtime\/api\/rest\/wstrust\/v1\/issue$/ }),
  ),
  /**
   * The SOAP WS-Trust endpoint, for services that want a holder-of-key SAML assertion in a WS-Security header
   * (`https://adgangsstyring.stoettesystemerne.dk/runtime/services/kombittrust/14/certificatemixed`).
   */
  soapIssueUrl: schema.optional(schema.string({ pattern: /^https:\/\/\S+$/ })),
  /** The municipality's CVR number, sent as `AnvenderKontekst.Cvr`: the service agreements are made for it. */
  cvr: schema.string({ pattern: /^\d{8}$/ }),
  renewBeforeMs: schema.optional(schema.integer({ minimum: 0 })),
});

/**
 * The `sts` part of a tenant's connector settings: where KOMBIT's security token service (SF1514) issues tokens and
 * for which CVR — `issueUrl` for the REST variant, `soapIssueUrl` for the SOAP WS-Trust variant (either or both). The function certificate is the connector's own `tls` (PEM `certificate` and `privateKey`).
 *
 * @example
 * {
 *   "sts": { "issueUrl": "https://adgangsstyring.stoettesystemerne.dk/runtime/api/rest/wstrust/v1/issue", "cvr": "29189846" },
 *   "tls": { "certificate": { "secretRef": "file:/run/secrets/oces3.crt" }, "privateKey": { "secretRef": "file:/run/secrets/oces3.key" } }
 * }
 */
export type StsSettings = Infer<typeof stsSchema>;

/** Reads and checks `sts`; a permanent failure naming every wrong field (a configuration error retrying cannot fix). */
export function stsSettingsOf(settings: Readonly<Record<string, unknown>>, where: string): StsSettings {
  const raw = JSON.parse(JSON.stringify(settings['sts'] ?? null)) as unknown;
  if (raw === null)
    throw new PermanentConnectorError(`${where}: sts is missing (issueUrl or soapIssueUrl, cvr)`);
  const checked = stsSchema.validate(raw);
  if (!checked.ok) {
    throw new PermanentConnectorError(
      `${where}: ${checked.issues.map((issue) => `${issue.path.replace(/^\$/, 'sts')} ${issue.message}`).join('; ')}`,
    );
  }
  return checked.value;
}

import type { ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { httpSettingsOf, type HttpSettings } from '../http/http-settings.js';
import type { XmlHttpTransport } from '../soap/https-xml-transport.js';
import { exchangeSoap, type SoapExchange } from '../soap/soap-call.js';
import type { SoapAnswer } from '../soap/soap-envelope.js';
import type { StsTokenSource } from '../sts/sts-token-cache.js';
import { backboneSettingsWhere } from './kombit-settings-section.js';

/** What a call answers when the service refused its token as expired (a 401, or the service's expired-token fault). */
export const TOKEN_EXPIRED = Symbol('token expired');

/**
 * Makes `call` with the tenant's STS token for the service `entityId`; when the service answers that the token has
 * expired, drops it ({@link StsTokenSource.invalidate}) and makes the call once more with a freshly issued one. A
 * second refusal is retryable: the STS and the service disagree about time, which passes.
 */
export async function withStsToken<T>(
  sts: StsTokenSource,
  context: ConnectorContext,
  entityId: string,
  service: string,
  call: (token: string) => Promise<T | typeof TOKEN_EXPIRED>,
): Promise<T> {
  const first = await call((await sts.token(context, entityId)).token);
  if (first !== TOKEN_EXPIRED) return first;
  await sts.invalidate(context, entityId);
  const second = await call((await sts.token(context, entityId)).token);
  if (second !== TOKEN_EXPIRED) return second;
  throw new RetryableConnectorError(`${service} refused a freshly issued token as expired`);
}

/**
 * {@link exchangeSoap} for a call that carries an STS token: an HTTP 401 is the service refusing the token (how a
 * service may answer an expired one), so it answers {@link TOKEN_EXPIRED} and {@link withStsToken} tries once more
 * with a fresh token — where exchangeSoap alone fails permanently, as it must for a refused certificate. Every
 * other answer is classified as exchangeSoap does.
 */
export async function exchangeSoapWithToken(
  transport: XmlHttpTransport,
  call: SoapExchange,
): Promise<SoapAnswer | typeof TOKEN_EXPIRED> {
  let refusedToken = false;
  const watching: XmlHttpTransport = async (request) => {
    const response = await transport(request);
    refusedToken = response.status === 401;
    return response;
  };
  try {
    return await exchangeSoap(watching, call);
  } catch (error) {
    if (refusedToken) return TOKEN_EXPIRED;
    throw error;
  }
}

/**
 * The HTTP settings of a call to one of the støttesystemer: no HTTP authentication of its own (the STS token goes in
 * the call) and the tenant's function certificate for mutual TLS — the same `tls` the STS is called with.
 */
export function kombitHttpSettings(context: ConnectorContext): HttpSettings {
  const where = backboneSettingsWhere(context);
  const http = httpSettingsOf(context.tenant.config.settings, where);
  if (!http.tls || !('certificate' in http.tls || 'pkcs12' in http.tls)) {
    throw new PermanentConnectorError(
      `${where}: tls.certificate and tls.privateKey must hold the function certificate (mutual TLS with KOMBIT)`,
    );
  }
  return { auth: { type: 'none' }, tls: http.tls, path: '' };
}

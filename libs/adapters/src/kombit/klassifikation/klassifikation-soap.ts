import type { LoraKlasse } from '#lora';
import type { ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { maskSensitiveText } from '../../contract/sensitive-text.js';
import { isSenderFault } from '../../soap/soap-envelope.js';
import { stsSettingsOf } from '../../sts/sts-settings.js';
import { xmlElement, type CanonicalElement } from '../../xml/canonical-xml.js';
import { childElement, childElements, childText, type XmlNode } from '../../xml/safe-xml.js';
import { backboneSettingsWhere } from '../kombit-settings-section.js';
import { callKombitSoap, type KombitSoapChannel } from '../kombit-soap-call.js';
import {
  DEFAULT_KLASSIFIKATION_ENTITY_ID,
  kombitKlassifikationSettingsOf,
} from './klassifikation-settings.js';

export const KLASSIFIKATION_SERVICE = 'Klassifikation (SF1510)';

/** The two SF1510 services read: Klasse and Facet (same operations, own endpoint and namespace). */
export type KlassifikationObject = 'klasse' | 'facet';

const namespaceOf = (object: KlassifikationObject) =>
  `http://stoettesystemerne.dk/service/klassifikation/${object}/6/`;

/**
 * Klassifikation's SOAP services, in the OIO/støttesystem form their WSDLs share (the exact namespaces and actions
 * are this client's assumption; the structure is that of FK Organisation's v6 services, which OS2sync calls):
 *
 * - `POST <url>/<klasse|facet>/6`, SOAP 1.1, over mutual TLS, as OIO-IDWS wants it ({@link callKombitSoap}): the
 *   STS's holder-of-key assertion for Klassifikation (SOAP WS-Trust, `sts.soapIssueUrl`) in the WS-Security
 *   header, the envelope signed with the function certificate; `AuthorityContext/MunicipalityCVR` in the request.
 * - `SoegRequest/SoegInput` with `AttributListe/Egenskab/BrugervendtNoegleTekst` (and for klasser
 *   `RelationListe/Facet/ReferenceID/UUIDIdentifikator`) answers `SoegOutput/IdListe/UUIDIdentifikator*`.
 * - `ListRequest/ListInput/UUIDIdentifikator*` answers `ListOutput/FiltreretOejebliksbillede*`, each with
 *   `ObjektType/UUIDIdentifikator` and `Registrering/AttributListe/Egenskab/(BrugervendtNoegleTekst, TitelTekst)`
 *   and `Registrering/RelationListe/Facet/ReferenceID/UUIDIdentifikator`.
 * - Every output carries `StandardRetur/StatusKode` (20 ok, 40 invalid input, 44 not found, 49 not authorised,
 *   50 service error) and `FejlbeskedTekst`.
 *
 * Classified here: an expired assertion (HTTP 401, a security fault) → a fresh one and one more try; 40 and a
 * sender fault → permanent, with the service's text naming the field; 49 → permanent (the service agreement); 50,
 * a receiver fault, 429 and 5xx → retryable; 44 → nothing found.
 */
export class KlassifikationSoap {
  constructor(private readonly channel: KombitSoapChannel) {}

  /** The uuids of the objects with the brugervendtnoegle (klasser: in the facet, when given). */
  async soeg(
    context: ConnectorContext,
    object: KlassifikationObject,
    brugervendtnoegle: string,
    facetUuid?: string,
  ): Promise<string[]> {
    const k = (name: string, children: (CanonicalElement | string | undefined)[]) =>
      xmlElement(namespaceOf(object), name, children);
    const relation =
      facetUuid === undefined
        ? undefined
        : k('RelationListe', [k('Facet', [k('ReferenceID', [k('UUIDIdentifikator', [facetUuid])])])]);
    const output = await this.call(context, object, 'Soeg', (authority) => [
      authority,
      k('SoegInput', [
        k('AttributListe', [k('Egenskab', [k('BrugervendtNoegleTekst', [brugervendtnoegle])])]),
        relation,
      ]),
    ]);
    return [...new Set(textsOf(childElement(output, 'IdListe'), 'UUIDIdentifikator'))];
  }

  /** The klasser with these uuids, as they hold now. */
  async listKlasser(context: ConnectorContext, uuids: readonly string[]): Promise<LoraKlasse[]> {
    if (uuids.length === 0) return [];
    const k = (name: string, children: (CanonicalElement | string)[]) =>
      xmlElement(namespaceOf('klasse'), name, children);
    const output = await this.call(context, 'klasse', 'List', (authority) => [
      authority,
      k(
        'ListInput',
        uuids.map((uuid) => k('UUIDIdentifikator', [uuid])),
      ),
    ]);
    return childElements(output, 'FiltreretOejebliksbillede').map((snapshot) => {
      const registrering = childElement(snapshot, 'Registrering');
      const egenskab = childElement(childElement(registrering, 'AttributListe'), 'Egenskab');
      const facet = childElement(
        childElement(childElement(registrering, 'RelationListe'), 'Facet'),
        'ReferenceID',
      );
      return {
        uuid: childText(childElement(snapshot, 'ObjektType'), 'UUIDIdentifikator') ?? '',
        brugervendtnoegle: childText(egenskab, 'BrugervendtNoegleTekst') ?? null,
        titel: childText(egenskab, 'TitelTekst') ?? null,
        facetUuid: childText(facet, 'UUIDIdentifikator') ?? null,
      };
    });
  }

  /** One operation; answers its output element, or undefined when the service found nothing (44). */
  private async call(
    context: ConnectorContext,
    object: KlassifikationObject,
    operation: 'Soeg' | 'List',
    input: (authority: CanonicalElement) => (CanonicalElement | undefined)[],
  ): Promise<XmlNode | undefined> {
    const settings = kombitKlassifikationSettingsOf(context);
    const cvr = stsSettingsOf(context.tenant.config.settings, backboneSettingsWhere(context)).cvr;
    const namespace = namespaceOf(object);
    const authority = xmlElement(namespace, 'AuthorityContext', [
      xmlElement(namespace, 'MunicipalityCVR', [cvr]),
    ]);
    const what = `${KLASSIFIKATION_SERVICE} ${object} ${operation}`;
    const answer = await callKombitSoap(this.channel, context, {
      service: KLASSIFIKATION_SERVICE,
      entityId: settings.entityId ?? DEFAULT_KLASSIFIKATION_ENTITY_ID,
      settingsSection: 'klassifikation',
      url: `${settings.url.replace(/\/+$/, '')}/${object}/6`,
      action: `${namespace}${operation.toLowerCase()}`,
      payload: xmlElement(namespace, `${operation}Request`, input(authority)),
    });
    if (answer.kind === 'fault') {
      const reason = maskSensitiveText(answer.fault.reason);
      if (isSenderFault(answer.fault)) {
        throw new PermanentConnectorError(`${what} refused the request: ${reason}`, {
          details: { faultCode: answer.fault.code },
        });
      }
      throw new RetryableConnectorError(`${what} failed: ${reason}`);
    }
    return outputOf(answer.payload, operation, what);
  }
}

/** The operation's output when its StandardRetur says 20, undefined for 44; a failure for anything else. */
function outputOf(payload: XmlNode, operation: 'Soeg' | 'List', what: string): XmlNode | undefined {
  const output = childElement(payload, `${operation}Output`);
  const retur = childElement(output, 'StandardRetur');
  const status = childText(retur, 'StatusKode') ?? '';
  const message = maskSensitiveText(childText(retur, 'FejlbeskedTekst') ?? '');
  switch (status) {
    case '20':
      return output;
    case '44':
      return undefined;
    case '40':
      throw new PermanentConnectorError(`${what} refused the input (StatusKode 40): ${message}`, {
        details: { statusKode: 40 },
      });
    case '49':
      throw new PermanentConnectorError(
        `${what} refused the caller (StatusKode 49): check the service agreement for Klassifikation`,
        { details: { statusKode: 49 } },
      );
    default:
      throw new RetryableConnectorError(`${what} answered StatusKode ${status || 'none'}: ${message}`);
  }
}

/** The texts of the repeated text-only child elements `name` (the parser gives them as strings). */
function textsOf(node: XmlNode | undefined, name: string): string[] {
  const value = node?.[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((item): item is string => typeof item === 'string' && item !== '');
}

import { LoraLookupError, type BackboneKlasse } from '#lora';
import type { ConnectorContext } from '../../contract/connector.js';
import { httpsXmlTransport, type XmlHttpTransport } from '../../soap/https-xml-transport.js';
import { StsSoapTokenService } from '../../sts/sts-soap-token-service.js';
import type { StsTokenSource } from '../../sts/sts-token-cache.js';
import type { KombitKlassifikationService } from '../kombit-services.js';
import { KlasseCache } from './klasse-cache.js';
import {
  DEFAULT_KLASSE_CACHE_TTL_MS,
  DEFAULT_KLE_EMNE_FACET,
  DEFAULT_KLE_HANDLINGSFACET_FACET,
  kombitKlassifikationSettingsOf,
} from './klassifikation-settings.js';
import { KlassifikationSoap } from './klassifikation-soap.js';

export interface KombitKlassifikationOptions {
  /**
   * Where the holder-of-key assertions come from (default: SF1514's SOAP variant, {@link StsSoapTokenService});
   * share one with SDI so both use one token cache.
   */
  readonly sts?: StsTokenSource;
  /** How requests travel (default: HTTPS with the tenant's function certificate). */
  readonly transport?: XmlHttpTransport;
  /** The klasse cache's clock (default `Date.now`). */
  readonly now?: () => number;
}

const KLE_EMNE = /^\d{2}(\.\d{2}(\.\d{2})?)?$/;
const KLE_HANDLINGSFACET = /^[A-Za-z]\d{2}$/;

/**
 * {@link KombitKlassifikationService} on Klassifikation (SF1510): a klasse by brugervendtnoegle (in a facet, by its
 * brugervendtnoegle, when given) found with the Facet and Klasse services' Soeg and read with Klasse List; KLE
 * numbers are klasser of the emne facet (`27.24.00`, `27.24`, `27`) or the handlingsfacet facet (`G01`). Found
 * klasser are cached per tenant for `klassifikation.cacheTtlMs` (default an hour). A facet a model names by another
 * backbone's name (`kle_handlingsfacet` on LoRA) is looked up by the name `klassifikation.facetNames` maps it to.
 * Each call is signed with the tenant's function certificate and carries its holder-of-key assertion for
 * Klassifikation from the STS's SOAP variant (`sts.soapIssueUrl`), as KOMBIT's SOAP services want.
 *
 * @example
 * const klassifikation = new KombitKlassifikation({ sts: new StsSoapTokenService() });
 * const { uuid } = await klassifikation.klasseByKleNumber(context, '27.24.00');
 */
export class KombitKlassifikation implements KombitKlassifikationService {
  private readonly soap: KlassifikationSoap;
  private readonly cache: KlasseCache;

  constructor(options: KombitKlassifikationOptions = {}) {
    const transport = options.transport ?? httpsXmlTransport;
    const sts =
      options.sts ?? new StsSoapTokenService({ transport, ...(options.now ? { now: options.now } : {}) });
    this.soap = new KlassifikationSoap({ sts, transport });
    this.cache = new KlasseCache(options.now ?? (() => Date.now()));
  }

  async klasseByKleNumber(context: ConnectorContext, kleNumber: string): Promise<BackboneKlasse> {
    const settings = kombitKlassifikationSettingsOf(context);
    if (KLE_EMNE.test(kleNumber)) {
      return this.klasseByBrugervendtnoegle(
        context,
        kleNumber,
        settings.kleEmneFacet ?? DEFAULT_KLE_EMNE_FACET,
      );
    }
    if (KLE_HANDLINGSFACET.test(kleNumber)) {
      return this.klasseByBrugervendtnoegle(
        context,
        kleNumber.toUpperCase(),
        settings.kleHandlingsfacetFacet ?? DEFAULT_KLE_HANDLINGSFACET_FACET,
      );
    }
    throw new LoraLookupError(
      'NOT_FOUND',
      `'${kleNumber}' is not a KLE number (emne NN, NN.NN, NN.NN.NN or handlingsfacet like G01)`,
    );
  }

  async klasseByBrugervendtnoegle(
    context: ConnectorContext,
    brugervendtnoegle: string,
    facet?: string,
  ): Promise<BackboneKlasse> {
    const settings = kombitKlassifikationSettingsOf(context);
    const facetName =
      facet !== undefined && settings.facetNames ? facetNameIn(settings.facetNames, facet) : facet;
    const key = KlasseCache.keyOf(context.tenant.id, settings.url, facetName, brugervendtnoegle);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const klasse = await this.lookUp(context, brugervendtnoegle, facetName);
    this.cache.set(key, klasse, settings.cacheTtlMs ?? DEFAULT_KLASSE_CACHE_TTL_MS);
    return klasse;
  }

  private async lookUp(context: ConnectorContext, bvn: string, facet?: string): Promise<BackboneKlasse> {
    const where = facet === undefined ? '' : ` in facet '${facet}'`;
    let facetUuids: string[] | undefined;
    if (facet !== undefined) {
      facetUuids = await this.soap.soeg(context, 'facet', facet);
      if (facetUuids.length === 0) throw new LoraLookupError('NOT_FOUND', `No facet '${facet}'`);
    }
    const found = new Set<string>();
    for (const facetUuid of facetUuids ?? [undefined]) {
      for (const uuid of await this.soap.soeg(context, 'klasse', bvn, facetUuid)) found.add(uuid);
    }
    const klasser = (await this.soap.listKlasser(context, [...found]))
      .filter((klasse) => klasse.brugervendtnoegle?.toLowerCase() === bvn.toLowerCase())
      .filter((klasse) => !facetUuids || (klasse.facetUuid !== null && facetUuids.includes(klasse.facetUuid)))
      .sort((a, b) => a.uuid.localeCompare(b.uuid));
    if (klasser.length === 0) throw new LoraLookupError('NOT_FOUND', `No klasse '${bvn}'${where}`);
    if (klasser.length > 1) {
      throw new LoraLookupError('AMBIGUOUS', `${klasser.length} klasser are called '${bvn}'${where}`);
    }
    return klasser[0]!;
  }
}

/** The facet's name in this Klassifikation: as `facetNames` maps the model's name, else the model's own. */
function facetNameIn(facetNames: Readonly<Record<string, string>>, facet: string): string {
  return Object.hasOwn(facetNames, facet) ? facetNames[facet]! : facet;
}

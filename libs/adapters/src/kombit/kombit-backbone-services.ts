import type { HttpClientOptions } from '../http/http-client.js';
import { StsSoapTokenService } from '../sts/sts-soap-token-service.js';
import { StsTokenService } from '../sts/sts-token-service.js';
import { KombitKlassifikation } from './klassifikation/kombit-klassifikation.js';
import type { KombitBackboneServices } from './kombit-backbone.js';
import { KombitOrganisation } from './organisation/kombit-organisation.js';
import { KombitSdi } from './sdi/kombit-sdi.js';

/** KOMBIT's støttesystemer as one process shares them: every tenant's calls, with pooled connections to close. */
export interface SharedKombitBackboneServices extends KombitBackboneServices {
  /** Closes the pooled mutual-TLS connections (the engine shutting down); a later call opens them again. */
  close(): void;
}

/**
 * The KOMBIT backbone's services, made once per process: one STS client per SF1514 variant (REST for
 * Organisation's GraphQL, SOAP WS-Trust for the holder-of-key assertions of Klassifikation's and SDI's SOAP
 * services), and Organisation, Klassifikation and SDI on them. Nothing here belongs to a tenant: each call reads
 * the calling tenant's `backbone` settings, and the token caches, klasse cache and TLS agents are keyed by tenant
 * (and CVR, service and certificate), so one tenant's token or certificate never serves another's call.
 *
 * @example
 * const kombit = createKombitBackboneServices();
 * const connectors = createBackboneConnectors({ kombit }); // closed with the registry
 */
export function createKombitBackboneServices(options: HttpClientOptions = {}): SharedKombitBackboneServices {
  const sts = new StsTokenService(options);
  const soapSts = new StsSoapTokenService(options.now === undefined ? {} : { now: options.now });
  const klassifikation = new KombitKlassifikation({
    sts: soapSts,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const organisation = new KombitOrganisation(sts, klassifikation, options);
  const sdi = new KombitSdi({ sts: soapSts });
  return {
    organisation,
    klassifikation,
    sdi,
    close() {
      sts.close();
      organisation.close();
    },
  };
}

import {
  createSag,
  journaliseDokument,
  type CreateSagInput,
  type CreateSagResult,
  type JournaliseInput,
  type JournaliseResult,
} from './lora-case-operations.js';
import { LORA_TYPE_PATHS, type LoraTimeSlice, type LoraTypeName } from './lora-client-types.js';
import {
  klasseByBrugervendtnoegle,
  orgUnitWithManager,
  unitResponsibleForKle,
  type KleOptions,
  type KleResponsibility,
  type KleRole,
  type LoraKlasse,
  type LoraOrgUnitWithManager,
} from './lora-organisation-queries.js';
import { LoraTypeClient } from './lora-type-client.js';
import { fetchTransport, type LoraTokenProvider, type LoraTransport } from './lora-transport.js';

export interface LoraClientOptions {
  /** The LoRA endpoint: where `/site-map` is served (`https://lora.example/lora`). */
  baseUrl: string;
  /** An OIDC bearer token per request (ignored with `transport`: that authenticates itself). */
  token?: LoraTokenProvider;
  /** Aborts the requests (ignored with `transport`). */
  signal?: AbortSignal;
  /** Sends the requests instead of node's fetch (the shared HTTP layer, in a connector). */
  transport?: LoraTransport;
}

/**
 * A typed client for any LoRA 1.3 endpoint (ours at `/lora`, or a remote LoRA): per type the OIO REST operations
 * (`client.sag.create(…)`, `client.organisationenhed.read(uuid, 'now')`), and the operations processes need: a unit
 * with its manager, the unit responsible for a KLE number, a klasse by its brugervendtnoegle, creating a Sag and
 * journalising a Dokument on it. Every read names its time slice on both axes — `'now'` or
 * `{virkningstid, registreringstid}` —, never a silent now. Failures are {@link LoraClientError}s (LoRA's status and
 * message) and, for the lookups, {@link LoraLookupError}s.
 *
 * @example
 * const lora = new LoraClient({ baseUrl: 'http://localhost:8080/lora', token: () => tokens.get() });
 * const { unit, manager } = await lora.unitResponsibleForKle('27.24.00', 'ansvarlig', 'now');
 */
export class LoraClient implements Readonly<Record<LoraTypeName, LoraTypeClient>> {
  readonly organisation: LoraTypeClient;
  readonly organisationenhed: LoraTypeClient;
  readonly organisationfunktion: LoraTypeClient;
  readonly bruger: LoraTypeClient;
  readonly itsystem: LoraTypeClient;
  readonly interessefaellesskab: LoraTypeClient;
  readonly facet: LoraTypeClient;
  readonly klasse: LoraTypeClient;
  readonly klassifikation: LoraTypeClient;
  readonly sag: LoraTypeClient;
  readonly dokument: LoraTypeClient;
  readonly aktivitet: LoraTypeClient;
  readonly indsats: LoraTypeClient;
  readonly tilstand: LoraTypeClient;
  readonly loghaendelse: LoraTypeClient;

  constructor(options: LoraClientOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError('baseUrl: expected an http(s) URL');
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const transport =
      options.transport ??
      fetchTransport({
        ...(options.token ? { token: options.token } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    const of = (type: LoraTypeName) => new LoraTypeClient(type, baseUrl, transport);
    this.organisation = of('organisation');
    this.organisationenhed = of('organisationenhed');
    this.organisationfunktion = of('organisationfunktion');
    this.bruger = of('bruger');
    this.itsystem = of('itsystem');
    this.interessefaellesskab = of('interessefaellesskab');
    this.facet = of('facet');
    this.klasse = of('klasse');
    this.klassifikation = of('klassifikation');
    this.sag = of('sag');
    this.dokument = of('dokument');
    this.aktivitet = of('aktivitet');
    this.indsats = of('indsats');
    this.tilstand = of('tilstand');
    this.loghaendelse = of('loghaendelse');
  }

  /** The client of a type named at run time. */
  type(name: LoraTypeName): LoraTypeClient {
    if (!Object.hasOwn(LORA_TYPE_PATHS, name)) throw new TypeError(`No LoRA type '${String(name)}'`);
    return this[name];
  }

  /** The unit with its manager (inherited from the nearest unit above it unless `inherit` is false). */
  orgUnitWithManager(uuid: string, at: LoraTimeSlice, inherit = true): Promise<LoraOrgUnitWithManager> {
    return orgUnitWithManager(this, uuid, at, inherit);
  }

  /** The unit that is `ansvarlig` or `udfoerende` for the KLE number (the most specific that has one), with its manager. */
  unitResponsibleForKle(
    kleNumber: string,
    role: KleRole,
    at: LoraTimeSlice,
    options: KleOptions = {},
  ): Promise<KleResponsibility> {
    return unitResponsibleForKle(this, kleNumber, role, at, options);
  }

  /** The klasse with the brugervendtnoegle, in the facet with brugervendtnoegle `facet` when given. */
  klasseByBrugervendtnoegle(
    brugervendtnoegle: string,
    at: LoraTimeSlice,
    facet?: string,
  ): Promise<LoraKlasse> {
    return klasseByBrugervendtnoegle(this, brugervendtnoegle, at, facet);
  }

  /** Creates a Sag with primaerklasse, ansvarlig and primaerpart; idempotent when given its uuid. */
  createSag(input: CreateSagInput): Promise<CreateSagResult> {
    return createSag(this.sag, input);
  }

  /** Creates the Dokument and journalises it on the Sag; idempotent when given the dokument's uuid. */
  journaliseDokument(sagUuid: string, dokument: JournaliseInput): Promise<JournaliseResult> {
    return journaliseDokument(this, sagUuid, dokument);
  }
}

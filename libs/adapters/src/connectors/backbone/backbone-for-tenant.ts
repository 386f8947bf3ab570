import { LoraBackbone, type Backbone, type LoraBackboneOptions } from '#lora';
import type { ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { KombitBackbone, type KombitBackboneServices } from '../../kombit/kombit-backbone.js';
import { describeFound } from '../../schema/schema.js';
import { loraClientFor } from './lora-connector-client.js';

/** The connector id under which a tenant configures its backbone once, for every backbone connector. */
export const BACKBONE_SETTINGS_ID = 'backbone';

/** The backbones a tenant can choose (`kind` in its backbone settings; default `lora`). */
export const BACKBONE_KINDS = ['lora', 'kombit'] as const;
export type BackboneKind = (typeof BACKBONE_KINDS)[number];

/** What the backbone connectors are built with. */
export interface BackboneConnectorOptions {
  /** Options of the HTTP layer a LoRA backbone is called through (retries, circuit breaker…). */
  http?: HttpClientOptions;
  /** KOMBIT's services; without them a tenant whose backbone is `kombit` gets a permanent failure. */
  kombit?: KombitBackboneServices;
}

/** What {@link backboneFor} builds a tenant's backbone from: made once per connector. */
export interface BackboneDependencies {
  readonly http: HttpClient;
  readonly kombit?: KombitBackboneServices | undefined;
  /**
   * Closes the pooled connections of the LoRA HTTP client and of the KOMBIT services (shared by every backbone
   * connector, so closed once per connector: closing twice is harmless). A later call opens them again.
   */
  close(): void;
}

export function backboneDependencies(options: BackboneConnectorOptions = {}): BackboneDependencies {
  const http = new HttpClient(options.http ?? {});
  const { kombit } = options;
  return {
    http,
    kombit,
    close() {
      http.close();
      kombit?.close?.();
    },
  };
}

/**
 * The calling tenant's backbone, as its `backbone` settings choose it: `{ "kind": "lora", "baseUrl": …, "auth": …,
 * "tls": … }` (the default kind) is its own LoRA, `{ "kind": "kombit", "sts": …, "tls": …, "organisation": …,
 * "klassifikation": …, "sdi": … }` KOMBIT's støttesystemer (whose services read and check their parts). A missing
 * or wrong setting is a {@link PermanentConnectorError} naming it: retrying cannot fix a configuration.
 *
 * @example
 * const backbone = backboneFor(context, dependencies);
 * const { unit, manager } = await backbone.unitResponsibleForKle('27.24.00', 'ansvarlig');
 */
export function backboneFor(context: ConnectorContext, dependencies: BackboneDependencies): Backbone {
  const config = context.tenant.config;
  const where = `Tenant '${context.tenant.id}', connector settings '${config.connectorId}'`;
  if (!config.configured) {
    throw new PermanentConnectorError(
      `${where}: the tenant has no backbone configured; add { "${BACKBONE_SETTINGS_ID}": { "kind": "lora", "baseUrl": "https://lora.example/lora" } } (or "kind": "kombit") to its connector settings; settings under the former lora-* connector ids are not read`,
    );
  }
  const kind = backboneKindOf(config.settings['kind'], where);
  if (kind === 'lora') {
    return new LoraBackbone(loraClientFor(dependencies.http, context), loraOptionsOf(config.settings, where));
  }
  if (dependencies.kombit === undefined) {
    throw new PermanentConnectorError(
      `${where}: kind is "kombit", but the KOMBIT backbone is not set up in this engine (its Organisation, Klassifikation and SDI services are not given to the backbone connectors); use "kind": "lora" or ask the operator to set it up`,
    );
  }
  return new KombitBackbone(context, dependencies.kombit);
}

function backboneKindOf(kind: unknown, where: string): BackboneKind {
  if (kind === undefined) return 'lora';
  if (typeof kind === 'string' && (BACKBONE_KINDS as readonly string[]).includes(kind)) {
    return kind as BackboneKind;
  }
  const found = typeof kind === 'string' && /^[\w-]{1,40}$/.test(kind) ? `"${kind}"` : describeFound(kind);
  throw new PermanentConnectorError(
    `${where}: kind must be ${BACKBONE_KINDS.map((known) => `"${known}"`).join(' or ')} (default "lora"), found ${found}`,
  );
}

/** The optional names of OS2mo's KLE modelling a LoRA backbone reads (`kleKlassifikation`, `kleNumberFacet`). */
function loraOptionsOf(settings: Readonly<Record<string, unknown>>, where: string): LoraBackboneOptions {
  const options: LoraBackboneOptions = {};
  for (const field of ['kleKlassifikation', 'kleNumberFacet'] as const) {
    const value = settings[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new PermanentConnectorError(
        `${where}: ${field} must be a brugervendtnoegle (a non-empty string), found ${describeFound(value)}`,
      );
    }
    options[field] = value;
  }
  return options;
}

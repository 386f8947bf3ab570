import type { InMemoryTenantConfigurationStore } from '#adapters';
import { isDeepStrictEqual } from 'node:util';
import { readConnectorSettingsFile, type TenantConnectorSettings } from './connector-settings-file.js';
import type { ConfigurationProblem } from './engine-config.js';

/**
 * A check the settings must pass before they are used, beyond the file's own shape: what a part of the engine
 * checks at start-up (the Beskedfordeler settings of each tenant, say). Returns the problems, none when they fit.
 */
export type ConnectorSettingsCheck = (settings: TenantConnectorSettings) => ConfigurationProblem[];

/** Told after new settings have replaced the old ones (the store already answers with the new ones). */
export type ConnectorSettingsListener = (settings: TenantConnectorSettings) => Promise<void>;

/** What a reload did: put new settings in place, found nothing changed, or refused the file (the old ones stay). */
export type ConnectorSettingsReload =
  | { readonly outcome: 'applied' | 'unchanged' }
  | { readonly outcome: 'refused'; readonly problems: readonly ConfigurationProblem[] };

/** Where a reload reports; never handed a secret (problems name places, not values). */
export interface ConnectorSettingsReloadLog {
  log(message: string): void;
  error(message: string): void;
}

/**
 * The tenants' connector settings as they are now: read from CONNECTOR_SETTINGS_FILE at start-up and again on
 * {@link reload}. A reload checks the file exactly as start-up does (its shape, its secret references, and each
 * registered {@link ConnectorSettingsCheck}); settings that pass replace the store's at once — a connector call in
 * flight keeps the settings it loaded, the next call sees the new ones — and the listeners follow (the Beskedfordeler
 * consumers). A file that fails is logged, naming each problem, and the previous settings stay. Reloads run one at
 * a time, in the order asked for.
 */
export class ConnectorSettingsReloader {
  private current: TenantConnectorSettings;
  private readonly checks: ConnectorSettingsCheck[] = [];
  private readonly listeners: ConnectorSettingsListener[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** CONNECTOR_SETTINGS_FILE; undefined when the engine runs without one (then a reload finds nothing). */
    readonly path: string | undefined,
    private readonly store: InMemoryTenantConfigurationStore,
    initial: TenantConnectorSettings,
    private readonly log: ConnectorSettingsReloadLog,
  ) {
    this.current = copyOf(initial);
    store.replaceAll(this.current);
  }

  /** The settings in use now (a copy). */
  get settings(): TenantConnectorSettings {
    return copyOf(this.current);
  }

  /** Adds a check every reloaded file must pass. */
  addCheck(check: ConnectorSettingsCheck): void {
    this.checks.push(check);
  }

  /** Calls `listener` after each change; its failure is logged and stops neither the reload nor other listeners. */
  onChange(listener: ConnectorSettingsListener): void {
    this.listeners.push(listener);
  }

  /** Reads the file again and puts it in place if it passes every check (after any reload already under way). */
  reload(): Promise<ConnectorSettingsReload> {
    const next = this.queue.then(() => this.reloadNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async reloadNow(): Promise<ConnectorSettingsReload> {
    if (this.path === undefined) return { outcome: 'unchanged' };
    const problems: ConfigurationProblem[] = [];
    const settings = readConnectorSettingsFile(this.path, problems) ?? {};
    if (problems.length === 0) problems.push(...this.checks.flatMap((check) => check(settings)));
    if (problems.length > 0) {
      this.log.error(
        `CONNECTOR_SETTINGS_FILE changed, but the new settings are not used (the previous ones stay): ${problems
          .map((problem) => `${problem.setting}: expected ${problem.expected}, but found ${problem.found}`)
          .join('; ')}`,
      );
      return { outcome: 'refused', problems };
    }
    if (isDeepStrictEqual(settings, this.current)) return { outcome: 'unchanged' };
    this.store.replaceAll(settings);
    this.current = settings;
    this.log.log(
      `CONNECTOR_SETTINGS_FILE reloaded: settings of ${Object.keys(settings).length} tenant(s) in use`,
    );
    for (const listener of this.listeners) {
      try {
        await listener(this.settings);
      } catch (error) {
        this.log.error(
          `After reloading CONNECTOR_SETTINGS_FILE: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return { outcome: 'applied' };
  }
}

/** Settings are JSON: copied as JSON, so copies compare equal to what a file read gives, whatever made them. */
function copyOf(settings: TenantConnectorSettings): TenantConnectorSettings {
  return JSON.parse(JSON.stringify(settings)) as TenantConnectorSettings;
}

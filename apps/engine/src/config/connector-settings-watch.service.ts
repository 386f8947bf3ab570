import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ConnectorSettingsReloader } from './connector-settings-reloader.js';

/** Editors and deployment tools write a file in several steps: reload once they have been quiet this long. */
export const CONNECTOR_SETTINGS_DEBOUNCE_MS = 300;

/**
 * Reloads CONNECTOR_SETTINGS_FILE when it changes — or on SIGHUP, for file systems that report no changes — so an
 * operator adds a municipality or rotates a certificate reference without restarting the nodes. Watches the file's
 * directory rather than the file: a file replaced by a rename (`mv`, a Kubernetes ConfigMap's symlink swap) is seen
 * too. Changes in quick succession make one reload; a reload that finds the settings unchanged does nothing.
 */
@Injectable()
export class ConnectorSettingsWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConnectorSettings');
  private watcher: FSWatcher | undefined;
  private pending: NodeJS.Timeout | undefined;
  private readonly onSighup = (): void => {
    this.logger.log('SIGHUP: reloading CONNECTOR_SETTINGS_FILE');
    void this.reloader.reload();
  };

  constructor(private readonly reloader: ConnectorSettingsReloader) {}

  onApplicationBootstrap(): void {
    const path = this.reloader.path;
    if (path === undefined) return;
    const directory = dirname(path);
    const file = basename(path);
    this.watcher = watch(directory, { persistent: false }, (_event, changed) => {
      // A rename elsewhere in the directory may be the file's symlink target being swapped: reload on those too.
      if (changed === null || changed === file || changed.startsWith('..')) this.reloadSoon();
    });
    this.watcher.on('error', (error) =>
      this.logger.error(
        `Stopped watching the directory of CONNECTOR_SETTINGS_FILE (${(error as NodeJS.ErrnoException).code ?? error.message}); send SIGHUP to reload`,
      ),
    );
    process.on('SIGHUP', this.onSighup);
  }

  onApplicationShutdown(): void {
    process.off('SIGHUP', this.onSighup);
    this.watcher?.close();
    this.watcher = undefined;
    clearTimeout(this.pending);
  }

  private reloadSoon(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.reloader.reload(), CONNECTOR_SETTINGS_DEBOUNCE_MS);
    this.pending.unref();
  }
}

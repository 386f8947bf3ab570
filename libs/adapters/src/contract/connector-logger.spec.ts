import { describe, expect, it } from '@jest/globals';
import {
  maskingConnectorLogger,
  RecordingConnectorLogger,
  silentConnectorLogger,
} from './connector-logger.js';

describe('connector loggers', () => {
  it('the masking logger masks CPR numbers and secrets in messages and string fields', () => {
    const recorded = new RecordingConnectorLogger();
    const secrets: string[] = [];
    const log = maskingConnectorLogger(recorded, () => secrets);
    secrets.push('hunter22');
    log.info('calling for 010190-1234 with hunter22', { cpr: '0101901234', status: 200, ok: true });
    log.error('no fields');
    expect(recorded.entries).toEqual([
      {
        level: 'info',
        message: 'calling for [CPR] with [secret]',
        fields: { cpr: '[CPR]', status: 200, ok: true },
      },
      { level: 'error', message: 'no fields' },
    ]);
    expect(recorded.text()).not.toContain('0101901234');
  });

  it('the recording logger keeps every level; the silent one drops everything', () => {
    const recorded = new RecordingConnectorLogger();
    recorded.debug('d');
    recorded.warn('w', { n: 1 });
    expect(recorded.entries.map((entry) => entry.level)).toEqual(['debug', 'warn']);
    expect(() => silentConnectorLogger.info('nothing')).not.toThrow();
  });
});

import { maskSensitiveText } from './sensitive-text.js';

/** Structured fields of a log line: scalars only, so a request body or a person record cannot slip in whole. */
export type ConnectorLogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export type ConnectorLogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * What a connector logs through. It must never receive personal data: log ids, counts, status codes and durations,
 * never CPR numbers, names, addresses or document content. {@link runConnector} masks CPR numbers and resolved
 * secrets on the way through as a second line of defence, not as permission.
 */
export interface ConnectorLogger {
  debug(message: string, fields?: ConnectorLogFields): void;
  info(message: string, fields?: ConnectorLogFields): void;
  warn(message: string, fields?: ConnectorLogFields): void;
  error(message: string, fields?: ConnectorLogFields): void;
}

const LEVELS: readonly ConnectorLogLevel[] = ['debug', 'info', 'warn', 'error'];

function loggerFrom(write: (level: ConnectorLogLevel, message: string, fields?: ConnectorLogFields) => void) {
  return Object.fromEntries(
    LEVELS.map((level) => [
      level,
      (message: string, fields?: ConnectorLogFields) => write(level, message, fields),
    ]),
  ) as unknown as ConnectorLogger;
}

/** A logger that drops everything. */
export const silentConnectorLogger: ConnectorLogger = loggerFrom(() => {});

/**
 * Wraps `inner` so that every message and string field is masked (CPR numbers, credential-looking text, and the
 * strings `secrets()` returns at the time of the call) before it is passed on.
 */
export function maskingConnectorLogger(
  inner: ConnectorLogger,
  secrets: () => readonly string[] = () => [],
): ConnectorLogger {
  return loggerFrom((level, message, fields) => {
    const known = secrets();
    const mask = (text: string): string => maskSensitiveText(text, known);
    const maskedFields =
      fields === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(fields).map(([key, value]) => [
              key,
              typeof value === 'string' ? mask(value) : value,
            ]),
          );
    if (maskedFields === undefined) inner[level](mask(message));
    else inner[level](mask(message), maskedFields);
  });
}

export interface ConnectorLogEntry {
  readonly level: ConnectorLogLevel;
  readonly message: string;
  readonly fields?: ConnectorLogFields;
}

/** Keeps every line in memory, for tests. */
export class RecordingConnectorLogger implements ConnectorLogger {
  readonly entries: ConnectorLogEntry[] = [];

  debug(message: string, fields?: ConnectorLogFields): void {
    this.record('debug', message, fields);
  }

  info(message: string, fields?: ConnectorLogFields): void {
    this.record('info', message, fields);
  }

  warn(message: string, fields?: ConnectorLogFields): void {
    this.record('warn', message, fields);
  }

  error(message: string, fields?: ConnectorLogFields): void {
    this.record('error', message, fields);
  }

  /** Every message and field value, one line each: what a test searches for leaked data. */
  text(): string {
    return this.entries.map((entry) => `${entry.message} ${JSON.stringify(entry.fields ?? {})}`).join('\n');
  }

  private record(level: ConnectorLogLevel, message: string, fields?: ConnectorLogFields): void {
    this.entries.push(fields === undefined ? { level, message } : { level, message, fields });
  }
}

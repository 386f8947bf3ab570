import { Logger } from '@nestjs/common';
import type { ConnectorLogFields, ConnectorLogger } from '#adapters';

/** Connector log lines into Nest's logger; runConnector masks them before they arrive here. */
export class NestConnectorLogger implements ConnectorLogger {
  private readonly logger = new Logger('Connector');

  debug(message: string, fields?: ConnectorLogFields): void {
    this.logger.debug(withFields(message, fields));
  }
  info(message: string, fields?: ConnectorLogFields): void {
    this.logger.log(withFields(message, fields));
  }
  warn(message: string, fields?: ConnectorLogFields): void {
    this.logger.warn(withFields(message, fields));
  }
  error(message: string, fields?: ConnectorLogFields): void {
    this.logger.error(withFields(message, fields));
  }
}

function withFields(message: string, fields: ConnectorLogFields | undefined): string {
  return fields === undefined ? message : `${message} ${JSON.stringify(fields)}`;
}

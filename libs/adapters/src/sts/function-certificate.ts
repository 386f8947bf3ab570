import { X509Certificate } from 'node:crypto';
import { PermanentConnectorError } from '../contract/connector-errors.js';

/** The certificate as SF1514 wants it in `UseKey` and a BinarySecurityToken: its DER bytes, base64 (one line). */
export function useKeyOf(pem: string, where: string): string {
  try {
    return new X509Certificate(pem).raw.toString('base64');
  } catch {
    throw new PermanentConnectorError(`${where}: tls.certificate is not a readable PEM certificate`);
  }
}

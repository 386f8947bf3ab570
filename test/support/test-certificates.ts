/**
 * Test support: a throw-away certificate authority with a server certificate for 127.0.0.1/localhost and a client
 * ("function") certificate, made with the `openssl` CLI in a temporary directory when a test starts — for the HTTP
 * client's mutual TLS and for Serviceplatformen's SOAP over TLS. Nothing here is ever a real credential.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  /** Where the PEM files lie, e.g. for `file:` secret references or a settings file; removed by `remove()`. */
  readonly directory: string;
  readonly ca: string;
  readonly serverCertificate: string;
  readonly serverKey: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
  /** The client certificate and key as a PKCS#12 bundle, base64-encoded, protected by {@link pkcs12Passphrase}. */
  readonly clientPkcs12Base64: string;
  readonly pkcs12Passphrase: string;
  /** A certificate and key from another CA, which the server does not trust. */
  readonly strangerCertificate: string;
  readonly strangerKey: string;
  remove(): void;
}

function openssl(directory: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: directory, stdio: 'pipe' });
}

function keyAndRequest(directory: string, name: string, subject: string): void {
  openssl(
    directory,
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  );
}

function selfSignedCa(directory: string, name: string): void {
  openssl(
    directory,
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  );
}

function signed(directory: string, name: string, ca: string, extensions: string): void {
  writeFileSync(join(directory, `${name}.ext`), extensions);
  openssl(
    directory,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  );
}

/** Makes the certificates (about a second); call `remove()` when done. */
export function makeTestCertificates(): TestCertificates {
  const directory = mkdtempSync(join(tmpdir(), 'kf-test-certs-'));
  const passphrase = 'kf-test-only';
  selfSignedCa(directory, 'kf-test-ca');
  selfSignedCa(directory, 'kf-stranger-ca');
  keyAndRequest(directory, 'server', '/CN=localhost');
  signed(directory, 'server', 'kf-test-ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  keyAndRequest(directory, 'client', '/CN=kf-test-function-certificate');
  signed(directory, 'client', 'kf-test-ca', 'extendedKeyUsage=clientAuth\n');
  keyAndRequest(directory, 'stranger', '/CN=kf-stranger');
  signed(directory, 'stranger', 'kf-stranger-ca', 'extendedKeyUsage=clientAuth\n');
  openssl(
    directory,
    'pkcs12',
    '-export',
    '-inkey',
    'client.key',
    '-in',
    'client.crt',
    '-out',
    'client.p12',
    '-passout',
    `pass:${passphrase}`,
  );
  const read = (file: string): string => readFileSync(join(directory, file), 'utf8');
  return {
    directory,
    ca: read('kf-test-ca.crt'),
    serverCertificate: read('server.crt'),
    serverKey: read('server.key'),
    clientCertificate: read('client.crt'),
    clientKey: read('client.key'),
    clientPkcs12Base64: readFileSync(join(directory, 'client.p12')).toString('base64'),
    pkcs12Passphrase: passphrase,
    strangerCertificate: read('stranger.crt'),
    strangerKey: read('stranger.key'),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}

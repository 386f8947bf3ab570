import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { xmlElement } from '../xml/canonical-xml.js';
import { isExpiredTokenFault, samlAssertionIdOf, securedSoapEnvelope } from './ws-security.js';
import { certificateOfDer, checkWsSecurity } from '../../../../test/support/kombit/ws-security-check.js';

/** A self-signed certificate for `keyType`, made with openssl: what signs, and what verifies. */
function certificateWithKey(keyType: 'rsa' | 'ec') {
  const directory = mkdtempSync(join(tmpdir(), 'kf-wss-'));
  try {
    const algorithm =
      keyType === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        ...algorithm,
        '-nodes',
        '-keyout',
        'k.pem',
        '-out',
        'c.pem',
        '-days',
        '1',
        '-subj',
        '/CN=signer',
      ],
      { cwd: directory, stdio: 'pipe' },
    );
    return {
      key: readFileSync(join(directory, 'k.pem'), 'utf8'),
      certificate: readFileSync(join(directory, 'c.pem'), 'utf8'),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const NOW = new Date(Date.UTC(2026, 0, 5, 9, 0, 0));

describe('WS-Security signed SOAP requests', () => {
  it.each(['rsa', 'ec'] as const)(
    'signs with a %s function certificate so a verifier accepts it, and not when tampered',
    (keyType) => {
      const { key, certificate } = certificateWithKey(keyType);
      const der = new X509Certificate(certificate).raw.toString('base64');
      const envelope = securedSoapEnvelope({
        action: 'urn:test/Op',
        to: 'https://service.example/op',
        messageId: 'urn:uuid:1',
        payload: xmlElement('urn:test', 'Op', [xmlElement('urn:test', 'Value', ['7 & 8'])]),
        token: { kind: 'x509', certificateDerBase64: der },
        privateKey: createPrivateKey(key),
        now: NOW,
      });
      const signer = () => certificateOfDer(der);
      expect(() => checkWsSecurity(envelope, signer, NOW.getTime())).not.toThrow();
      expect(() => checkWsSecurity(envelope.replace('7 &amp; 8', '9'), signer, NOW.getTime())).toThrow(
        /digest of #body/,
      );
      expect(() => checkWsSecurity(envelope, signer, NOW.getTime() + 10 * 60_000)).toThrow(
        /Timestamp has expired/,
      );
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const forged = securedSoapEnvelope({
        action: 'urn:test/Op',
        to: 'https://service.example/op',
        messageId: 'urn:uuid:2',
        payload: xmlElement('urn:test', 'Op'),
        token: { kind: 'x509', certificateDerBase64: der },
        privateKey: other.privateKey,
        now: NOW,
      });
      expect(() => checkWsSecurity(forged, signer, NOW.getTime())).toThrow(/does not verify/);
    },
  );

  it('reads an assertion ID and recognises an expired-token fault', () => {
    expect(
      samlAssertionIdOf(
        '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0">',
      ),
    ).toBe('_a1');
    expect(() => samlAssertionIdOf('<Token/>')).toThrow(/no SAML assertion/);
    expect(isExpiredTokenFault({ code: 'FailedAuthentication', subcodes: [], reason: '' })).toBe(true);
    expect(
      isExpiredTokenFault({ code: 'Server', subcodes: [], reason: 'The security token has expired' }),
    ).toBe(true);
    expect(isExpiredTokenFault({ code: 'Client', subcodes: [], reason: 'Titel mangler' })).toBe(false);
  });
});

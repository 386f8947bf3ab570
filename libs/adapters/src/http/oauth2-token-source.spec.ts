import { describe, expect, it } from '@jest/globals';
import { createTenantConnectorConfig } from '../tenant/tenant-connector-config.js';
import type { SecretResolver } from '../tenant/secret-resolver.js';
import type { OAuth2Auth } from './http-settings.js';
import { OAuth2TokenSource } from './oauth2-token-source.js';

const secrets: SecretResolver = {
  resolve: async (reference) =>
    ({ 'env:KF_SECRET_OLD': 'old-secret', 'env:KF_SECRET_NEW': 'new-secret' })[reference] ?? '',
};

function configWith(auth: OAuth2Auth) {
  return createTenantConnectorConfig({
    tenantId: 'aarhus',
    connectorId: 'rest',
    settings: { auth },
    secrets,
  });
}

const withOldSecret: OAuth2Auth = {
  type: 'oauth2',
  grant: 'client_credentials',
  tokenUrl: 'https://login.example/token',
  clientId: 'kommune-flow',
  clientSecret: { secretRef: 'env:KF_SECRET_OLD' },
};

describe('OAuth2TokenSource', () => {
  it('never serves a token got with a credential the settings no longer name', async () => {
    const sentSecrets: string[] = [];
    const source = new OAuth2TokenSource(async (_url, form) => {
      sentSecrets.push(form.get('client_secret') ?? '');
      return {
        status: 200,
        body: JSON.stringify({ access_token: `token-${sentSecrets.length}`, expires_in: 3600 }),
      };
    });
    const signal = new AbortController().signal;
    expect(await source.token(configWith(withOldSecret), withOldSecret, signal)).toBe('token-1');
    expect(await source.token(configWith(withOldSecret), withOldSecret, signal)).toBe('token-1');

    const rotated: OAuth2Auth = { ...withOldSecret, clientSecret: { secretRef: 'env:KF_SECRET_NEW' } };
    expect(await source.token(configWith(rotated), rotated, signal)).toBe('token-2');
    const otherAudience: OAuth2Auth = { ...rotated, audience: 'https://api.example' };
    expect(await source.token(configWith(otherAudience), otherAudience, signal)).toBe('token-3');
    expect(sentSecrets).toEqual(['old-secret', 'new-secret', 'new-secret']);
  });
});

/**
 * Nest tokens of what connectors and the endpoints beside them (webhooks) share in an engine app: each tenant's
 * connector settings (a `TenantConfigurationStore`) and the `SecretResolver` their secret references go through.
 */
export const TENANT_CONFIGURATIONS = Symbol('TENANT_CONFIGURATIONS');
export const CONNECTOR_SECRETS = Symbol('CONNECTOR_SECRETS');

/**
 * Connectors: the port through which the engine does a service task's work itself — against a fagsystem, one of
 * KOMBIT's systems, or nothing at all — instead of leaving it to an external worker. A service task names its
 * connector as `connector:<id>` ({@link connectorIdOf}); deployment checks the name
 * ({@link checkConnectorReferences}); the runtime makes the call outside the database transaction with
 * {@link runConnector} and applies the result as a new command.
 *
 * The conformance suite every connector passes is test support, not part of this entry:
 * `libs/adapters/src/conformance/connector-conformance.ts`.
 */
export {
  defineConnector,
  CONNECTOR_ID_PATTERN,
  type Connector,
  type AnyConnector,
  type ConnectorContext,
} from './contract/connector.js';
export {
  ConnectorError,
  RetryableConnectorError,
  PermanentConnectorError,
  type ConnectorFailure,
  type ConnectorFailureRecord,
  type RetryableConnectorErrorOptions,
  type PermanentConnectorErrorOptions,
} from './contract/connector-errors.js';
export { classifyConnectorFailure, type ClassifyOptions } from './contract/classify-connector-failure.js';
export {
  maskSensitiveText,
  maskSensitiveValue,
  CPR_PATTERN,
  MASKED_CPR,
  MASKED_SECRET,
} from './contract/sensitive-text.js';
export {
  silentConnectorLogger,
  maskingConnectorLogger,
  RecordingConnectorLogger,
  type ConnectorLogger,
  type ConnectorLogFields,
  type ConnectorLogLevel,
  type ConnectorLogEntry,
} from './contract/connector-logger.js';
export {
  schema,
  describeFound,
  type Schema,
  type OptionalSchema,
  type SchemaIssue,
  type SchemaResult,
  type Infer,
  type InferShape,
  type ObjectShape,
  type JsonValue,
  type JsonSchema,
} from './schema/schema.js';
export { ConnectorRegistry } from './registry/connector-registry.js';
export {
  connectorIdOf,
  connectorJobType,
  checkConnectorReferences,
  CONNECTOR_JOB_TYPE_PREFIX,
  type ConnectorReferenceFinding,
} from './registry/connector-reference.js';
export {
  runConnector,
  DEFAULT_CONNECTOR_TIMEOUT_MS,
  type ConnectorRunResult,
  type RunConnectorOptions,
} from './run/run-connector.js';
export {
  createTenantConnectorConfig,
  loadTenantConnectorConfig,
  type TenantConnectorConfig,
  type TenantConnectorConfigInit,
} from './tenant/tenant-connector-config.js';
export {
  InMemoryTenantConfigurationStore,
  findMalformedSecretRefs,
  type TenantConfigurationStore,
  type ConnectorSettings,
} from './tenant/tenant-configuration-store.js';
export {
  EnvFileSecretResolver,
  isSecretRef,
  parseSecretRef,
  type SecretRef,
  type SecretResolver,
  type ParsedSecretRef,
  type EnvFileSecretResolverOptions,
} from './tenant/secret-resolver.js';
export { noopConnector } from './connectors/noop/noop.connector.js';
export {
  TestConnector,
  DEFAULT_TEST_ERROR_CODE,
  type TestConnectorCall,
  type TestConnectorInput,
  type TestConnectorOutput,
} from './connectors/test/test.connector.js';

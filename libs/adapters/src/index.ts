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
  settingsIdOf,
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
export {
  HttpClient,
  failForStatus,
  loggablePath,
  type HttpClientOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
} from './http/http-client.js';
export {
  httpSettingsOf,
  type HttpSettings,
  type HttpAuthSettings,
  type TlsSettings,
} from './http/http-settings.js';
export {
  CircuitBreaker,
  DEFAULT_CIRCUIT_BREAKER,
  type CircuitBreakerOptions,
  type CircuitState,
} from './http/circuit-breaker.js';
export { OAuth2TokenSource, DEFAULT_TOKEN_RENEW_BEFORE_MS } from './http/oauth2-token-source.js';
export { resolveTlsCredentials, type TlsCredentials } from './http/tls-credentials.js';
export { StsTokenService } from './sts/sts-token-service.js';
export { stsSettingsOf, DEFAULT_STS_RENEW_BEFORE_MS, type StsSettings } from './sts/sts-settings.js';
export type { StsToken } from './sts/sts-response.js';
export { backoffDelayMs, retryAfterMs } from './http/retry-backoff.js';
export { noopConnector } from './connectors/noop/noop.connector.js';
export {
  RestConnector,
  type RestConnectorInput,
  type RestConnectorOutput,
} from './connectors/rest/rest.connector.js';
export {
  SmtpConnector,
  messageIdFor,
  IDEMPOTENCY_KEY_HEADER as SMTP_IDEMPOTENCY_KEY_HEADER,
  type SmtpConnectorInput,
  type SmtpConnectorOutput,
} from './connectors/smtp/smtp.connector.js';
export {
  Os2formsSubmissionConnector,
  type Os2formsSubmissionInput,
  type Os2formsSubmissionOutput,
} from './connectors/os2forms/os2forms-submission.connector.js';
export {
  os2formsSubmissionStart,
  Os2formsWebhookRefusal,
  OS2FORMS_WEBHOOK_SETTINGS_ID,
  OS2FORMS_SIGNATURE_HEADER,
  OS2FORMS_API_KEY_HEADER,
  type Os2formsSubmissionStart,
  type Os2formsWebhookRequest,
  type Os2formsWebhookSettings,
} from './connectors/os2forms/os2forms-webhook.js';
export {
  TestConnector,
  DEFAULT_TEST_ERROR_CODE,
  type TestConnectorCall,
  type TestConnectorInput,
  type TestConnectorOutput,
} from './connectors/test/test.connector.js';
export {
  cprConnector,
  createCprConnector,
  cprSettings,
  CPR_NOT_FOUND,
  type CprConnectorOptions,
  type CprInput,
  type CprOutput,
} from './connectors/cpr/cpr.connector.js';
export { CPR_FIELDS, type CprField } from './connectors/cpr/cpr-person.js';
export {
  digitalPostConnector,
  createDigitalPostConnector,
  digitalPostSettings,
  DIGITAL_POST_REJECTED,
  DIGITAL_POST_RECEIPT_MESSAGE,
  type DigitalPostConnectorOptions,
  type DigitalPostInput,
  type DigitalPostOutput,
} from './connectors/digital-post/digital-post.connector.js';
export { messageUuidOf } from './connectors/digital-post/message-uuid.js';
export { SF1601_ENTITY_ID } from './connectors/digital-post/digital-post.connector.js';
export {
  ServiceplatformenAccessTokens,
  ACCESS_TOKEN_SERVICE_PATH,
  type AccessTokenRequest,
} from './serviceplatformen/serviceplatformen-access-tokens.js';
export {
  SbsysConnector,
  DEFAULT_SBSYS_IDEMPOTENCY_FIELD,
  type SbsysInput,
  type SbsysOutput,
} from './connectors/sbsys/sbsys.connector.js';
export { SBSYS_NOT_FOUND } from './connectors/sbsys/sbsys-response.js';
export {
  Os2moConnector,
  OS2MO_NOT_FOUND,
  DEFAULT_OS2MO_GRAPHQL_VERSION,
  type Os2moInput,
  type Os2moOutput,
} from './connectors/os2mo/os2mo.connector.js';
export { ORG_UNIT_FIELDS, EMPLOYEE_FIELDS } from './connectors/os2mo/os2mo-queries.js';
export { baseUrlOf } from './http/base-url.js';
export {
  httpsXmlTransport,
  type XmlHttpTransport,
  type XmlHttpRequest,
  type XmlHttpResponse,
  type ClientTls,
} from './soap/https-xml-transport.js';
export {
  parseXmlSafely,
  escapeXml,
  UnreadableXmlError,
  type XmlNode,
  type XmlValue,
} from './xml/safe-xml.js';
export {
  parseHaendelsesbesked,
  haendelsesbeskedXml,
  UnusableHaendelsesbeskedError,
  HAENDELSESBESKED_NAMESPACE,
  type Haendelsesbesked,
  type HaendelsesbeskedFields,
} from './connectors/beskedfordeler/haendelsesbesked.js';
export {
  beskedfordelerSettingsOf,
  routeOf as beskedfordelerRouteOf,
  correlationValueOf as beskedCorrelationValueOf,
  beskedVariablesOf,
  BESKEDFORDELER_SETTINGS_ID,
  DEAD_LETTER_REASON_HEADER,
  DEFAULT_UNMATCHED_TIME_TO_LIVE_HOURS,
  DEFAULT_DEDUPLICATION_RETENTION_DAYS,
  type BeskedfordelerSettings,
  type BeskedfordelerRoute,
} from './connectors/beskedfordeler/beskedfordeler-settings.js';
export {
  AmqpDeliverySettler,
  DEAD_LETTER_SOURCE_HEADER,
  type AmqpDeliverySettlerOptions,
  type DeliveryOutcome,
  type SettlementEvent,
} from './amqp/amqp-delivery-settler.js';
export {
  BeskedfordelerConsumer,
  type BeskedOutcome,
  type BeskedfordelerConsumerOptions,
} from './connectors/beskedfordeler/beskedfordeler-consumer.js';
export {
  beskedfordelerPublishConnector,
  createBeskedfordelerPublishConnector,
  type BeskedfordelerPublishConnectorOptions,
  beskedfordelerPublishSettings,
  type BeskedfordelerPublishInput,
  type BeskedfordelerPublishOutput,
} from './connectors/beskedfordeler/beskedfordeler-publish.connector.js';
export {
  AmqpPublishChannels,
  type AmqpPublication,
} from './connectors/beskedfordeler/amqp-publish-channels.js';
export {
  createBackboneOrgUnitConnector,
  type BackboneOrgUnitInput,
  type BackboneOrgUnitOutput,
} from './connectors/backbone/backbone-org-unit.connector.js';
export {
  createBackboneResponsibleUnitConnector,
  type BackboneResponsibleUnitInput,
  type BackboneResponsibleUnitOutput,
} from './connectors/backbone/backbone-responsible-unit.connector.js';
export {
  createBackboneKlasseConnector,
  type BackboneKlasseInput,
  type BackboneKlasseOutput,
} from './connectors/backbone/backbone-klasse.connector.js';
export {
  createBackboneCreateSagConnector,
  type BackboneCreateSagInput,
  type BackboneCreateSagOutput,
} from './connectors/backbone/backbone-create-sag.connector.js';
export {
  createBackboneJournaliseConnector,
  type BackboneJournaliseInput,
  type BackboneJournaliseOutput,
} from './connectors/backbone/backbone-journalise.connector.js';
export {
  createBackbonePersonEngagementsConnector,
  type BackbonePersonEngagementsInput,
  type BackbonePersonEngagementsOutput,
} from './connectors/backbone/backbone-person-engagements.connector.js';
export {
  createBackboneConnectors,
  LEGACY_LORA_CONNECTOR_IDS,
} from './connectors/backbone/backbone-connectors.js';
export {
  backboneFor,
  backboneDependencies,
  BACKBONE_SETTINGS_ID,
  BACKBONE_KINDS,
  type BackboneKind,
  type BackboneConnectorOptions,
  type BackboneDependencies,
} from './connectors/backbone/backbone-for-tenant.js';
export { KombitBackbone, type KombitBackboneServices } from './kombit/kombit-backbone.js';
export {
  createKombitBackboneServices,
  type SharedKombitBackboneServices,
} from './kombit/kombit-backbone-services.js';
export { StsSoapTokenService, type StsSoapTokenServiceOptions } from './sts/sts-soap-token-service.js';
export { StsTokenCache, type StsTokenSource } from './sts/sts-token-cache.js';
export { CVR_CLAIM, WS_TRUST_NAMESPACE, WS_TRUST_ISSUE_ACTION } from './sts/sts-soap-request.js';
export {
  securedSoapEnvelope,
  functionCertificateKeyOf,
  samlAssertionIdOf,
  isExpiredTokenFault,
  digestOf,
  SIGNATURE_ECDSA_SHA256,
  SIGNATURE_RSA_SHA256,
  type SecuredSoapRequest,
  type WsSecurityToken,
} from './soap/ws-security.js';
export { exchangeSoap, type SoapExchange } from './soap/soap-call.js';
export {
  canonicalXml,
  xmlElement,
  type CanonicalElement,
  type CanonicalAttribute,
} from './xml/canonical-xml.js';
export { elementSourceOf, elementSourceById } from './xml/element-source.js';
export { KombitSdi, type KombitSdiOptions } from './kombit/sdi/kombit-sdi.js';
export {
  kombitSdiSettingsOf,
  DEFAULT_SDI_ENTITY_ID,
  type KombitSdiSettings,
} from './kombit/sdi/sdi-settings.js';
export {
  KombitOrganisation,
  type KombitOrganisationOptions,
} from './kombit/organisation/kombit-organisation.js';
export {
  kombitOrganisationSettingsOf,
  DEFAULT_ORGANISATION_ENTITY_ID,
  type KombitOrganisationSettings,
} from './kombit/organisation/organisation-settings.js';
export {
  KombitKlassifikation,
  type KombitKlassifikationOptions,
} from './kombit/klassifikation/kombit-klassifikation.js';
export {
  kombitKlassifikationSettingsOf,
  DEFAULT_KLASSIFIKATION_ENTITY_ID,
  DEFAULT_KLASSE_CACHE_TTL_MS,
  type KombitKlassifikationSettings,
} from './kombit/klassifikation/klassifikation-settings.js';
export { childElement, childElements, childText } from './xml/safe-xml.js';

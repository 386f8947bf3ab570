/**
 * LoRA (`#lora`): a LoRA-compatible OIO REST service (LoRA 1.3's API over a bitemporal PostgreSQL store, for the 15
 * types of Organisation, Klassifikation, Sag, Dokument, Aktivitet, Indsats, Tilstand and Log).
 */
export { LoraModule, type LoraModuleOptions, type LoraNotificationsOptions } from './lora.module.js';
export {
  routingKeyOf,
  type LoraNotification,
  type LoraNotificationMessage,
} from './notifications/lora-notification.js';
export type { LoraNotificationBroker } from './notifications/lora-notification-broker.js';
export {
  AmqpLoraNotificationBroker,
  type AmqpBrokerOptions,
} from './notifications/amqp-lora-notification-broker.js';
export {
  LoraNotificationPublisher,
  type LoraNotificationPublisherOptions,
} from './notifications/lora-notification-publisher.js';
export { LoraObjectService, type LoraObjectView, type LoraWriter } from './lora-object.service.js';
export { LoraRequestError } from './api/lora-request.error.js';
export { loraBodyErrors } from './api/lora-body-errors.js';
export {
  LORA_OBJECT_TYPES,
  loraObjectTypeAt,
  type LoraObjectType,
} from './object-types/lora-object-types.js';
export { LORA_SCHEMAS } from './schema/lora-schemas.js';
export { LIVSCYKLUSKODER } from './registration/lora-lifecycle.js';
export {
  LoraRegistrationStore,
  type Livscykluskode,
  type LoraScope,
  type StoredRegistration,
  type WriteOutcome,
} from './store/lora-registration-store.js';
export { parseLoraInstant, formatLoraInstant, type LoraInstant, type LoraPeriod } from './time/lora-time.js';
export { LORA_INFINITY, LORA_MINUS_INFINITY } from './time/lora-time.js';
export { LoraClient, type LoraClientOptions } from './client/lora-client.js';
export { LoraTypeClient } from './client/lora-type-client.js';
export { LoraClientError, LoraLookupError, type LoraFailureKind } from './client/lora-client-error.js';
export {
  fetchTransport,
  type LoraTransport,
  type LoraTokenProvider,
  type LoraHttpRequest,
  type LoraHttpResponse,
} from './client/lora-transport.js';
export type * from './client/lora-client-types.js';
export {
  MANAGER_FUNCTION_NAME,
  KLE_FUNCTION_NAME,
  type KleRole,
  type KleOptions,
  type KleResponsibility,
  type LoraKlasse,
  type LoraManager,
  type LoraOrgUnit,
  type LoraOrgUnitWithManager,
} from './client/lora-organisation-queries.js';
export type {
  CreateSagInput,
  CreateSagResult,
  JournaliseInput,
  JournaliseResult,
} from './client/lora-case-operations.js';
export type {
  Backbone,
  BackboneEngagement,
  BackboneKlasse,
  BackboneKleResponsibility,
  BackboneOrgUnitWithManager,
  DocumentReferenceInput,
  DocumentReferenceResult,
  SagIndexInput,
  SagIndexResult,
} from './backbone/backbone.js';
export { LoraBackbone, type LoraBackboneOptions } from './backbone/lora-backbone.js';
export { ENGAGEMENT_FUNCTION_NAME } from './backbone/lora-person-engagements.js';

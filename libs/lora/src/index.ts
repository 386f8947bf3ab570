/**
 * LoRA (`#lora`): a LoRA-compatible OIO REST service (LoRA 1.3's API over a bitemporal PostgreSQL store, for the 15
 * types of Organisation, Klassifikation, Sag, Dokument, Aktivitet, Indsats, Tilstand and Log).
 */
export { LoraModule, type LoraModuleOptions } from './lora.module.js';
export { LoraObjectService, type LoraObjectView, type LoraWriter } from './lora-object.service.js';
export { LoraRequestError } from './api/lora-request.error.js';
export {
  LORA_OBJECT_TYPES,
  loraObjectTypeAt,
  type LoraObjectType,
} from './object-types/lora-object-types.js';
export { LORA_SCHEMAS } from './schema/lora-schemas.js';
export {
  LoraRegistrationStore,
  type Livscykluskode,
  type LoraScope,
  type StoredRegistration,
  type WriteOutcome,
} from './store/lora-registration-store.js';
export { parseLoraInstant, formatLoraInstant, type LoraInstant, type LoraPeriod } from './time/lora-time.js';

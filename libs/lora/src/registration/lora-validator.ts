import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LoraRequestError } from '../api/lora-request.error.js';
import type { LoraObjectType } from '../object-types/lora-object-types.js';
import { LORA_SCHEMAS, type LoraJsonSchema } from '../schema/lora-schemas.js';

/**
 * Checks create and import bodies against LoRA 1.3's schema of their type, as LoRA does (it validates neither
 * updates nor Dokument, whose schema is just an object). The 400 names the offending path.
 */
export class LoraValidator {
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: false, strict: false });

  validate(type: LoraObjectType, body: unknown): void {
    const validate = this.validatorFor(type);
    if (validate(body)) return;
    throw new LoraRequestError(messageOf(validate.errors ?? []), 400);
  }

  private validatorFor(type: LoraObjectType): ValidateFunction {
    let validate = this.validators.get(type.className);
    if (!validate) {
      // LoRA's schemas are draft-4 style (`id`, `$schema: …/schema#`): Ajv 8 needs neither to check them.
      const { $schema: _draft, id: _id, ...schema } = LORA_SCHEMAS[type.className] as LoraJsonSchema;
      validate = this.ajv.compile(schema);
      this.validators.set(type.className, validate);
    }
    return validate;
  }
}

/** The most telling error: the deepest path, preferring what is not a `oneOf` summary. */
function messageOf(errors: ErrorObject[]): string {
  const [error] = [...errors].sort(
    (a, b) =>
      b.instancePath.split('/').length - a.instancePath.split('/').length ||
      Number(a.keyword === 'oneOf') - Number(b.keyword === 'oneOf'),
  );
  if (!error) return 'The body does not match the schema';
  const path = error.instancePath === '' ? '(the body)' : error.instancePath.slice(1).replaceAll('/', '.');
  const extra =
    error.keyword === 'additionalProperties'
      ? ` ('${String((error.params as { additionalProperty?: string }).additionalProperty)}')`
      : error.keyword === 'enum'
        ? ` (${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})`
        : '';
  return `${path}: ${error.message ?? 'is invalid'}${extra}`;
}

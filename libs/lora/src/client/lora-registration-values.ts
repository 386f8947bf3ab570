import type { LoraObject, LoraRegistration, LoraRelation } from './lora-client-types.js';

/** The registration a read at one instant answers (the first; there is one). */
export function registrationOf(object: LoraObject): LoraRegistration | undefined {
  return object.registreringer[0];
}

/** A field of an attribute group, as it holds in the registration read (the first entry; a slice has one). */
export function attributeOf(object: LoraObject, group: string, field: string): string | undefined {
  const value = registrationOf(object)?.attributter?.[group]?.[0]?.[field];
  return typeof value === 'string' ? value : undefined;
}

/** A relation's entries in the registration read. */
export function relationsOf(object: LoraObject, name: string): LoraRelation[] {
  return registrationOf(object)?.relationer?.[name] ?? [];
}

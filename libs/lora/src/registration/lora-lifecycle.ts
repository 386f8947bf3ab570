import { LoraRequestError } from '../api/lora-request.error.js';

/** LoRA's lifecycle codes of a registration. */
export type Livscykluskode = 'Opstaaet' | 'Importeret' | 'Passiveret' | 'Slettet' | 'Rettet';

/** LoRA's lifecycle: which code a registration may follow which with (its `_as_valid_…_transition`). */
const ALLOWED: Record<Livscykluskode, readonly Livscykluskode[]> = {
  Opstaaet: ['Passiveret', 'Slettet', 'Rettet'],
  Importeret: ['Passiveret', 'Slettet', 'Rettet'],
  Rettet: ['Passiveret', 'Slettet', 'Rettet'],
  Passiveret: ['Importeret', 'Slettet'],
  Slettet: ['Importeret'],
};

export const LIVSCYKLUSKODER: readonly Livscykluskode[] = [
  'Opstaaet',
  'Importeret',
  'Passiveret',
  'Slettet',
  'Rettet',
];

/** Refuses a write the lifecycle does not allow, with a 400 saying what the object is and what was asked. */
export function checkTransition(current: Livscykluskode, next: Livscykluskode, what: string): void {
  if (!ALLOWED[current].includes(next)) {
    throw new LoraRequestError(
      `Invalid transition to lifecycle code [${next}] from lifecycle code [${current}] for ${what}; from ${current} only ${ALLOWED[current].join(', ')} may follow`,
    );
  }
}

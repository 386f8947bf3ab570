import type { LoraTypeClient } from '../client/lora-type-client.js';
import { attributeOf, relationsOf } from '../client/lora-registration-values.js';
import type { BackboneEngagement } from './backbone.js';

/** The organisationfunktion `funktionsnavn` of an engagement (OS2mo's modelling). */
export const ENGAGEMENT_FUNCTION_NAME = 'Engagement';

/**
 * A person's active engagements now, in OS2mo's modelling: organisationfunktioner with funktionsnavn `Engagement`
 * whose `tilknyttedebrugere` names the bruger and `tilknyttedeenheder` the unit. A LoRA without OS2mo's data
 * answers none.
 */
export async function loraPersonEngagements(
  organisationfunktion: LoraTypeClient,
  personUuid: string,
): Promise<BackboneEngagement[]> {
  const functions = await organisationfunktion.searchObjects(
    { funktionsnavn: ENGAGEMENT_FUNCTION_NAME, tilknyttedebrugere: personUuid, gyldighed: 'Aktiv' },
    'now',
  );
  return functions
    .flatMap((fn) =>
      relationsOf(fn, 'tilknyttedeenheder').flatMap((unit) =>
        unit.uuid
          ? [
              {
                uuid: fn.id,
                personUuid,
                unitUuid: unit.uuid,
                brugervendtnoegle:
                  attributeOf(fn, 'organisationfunktionegenskaber', 'brugervendtnoegle') ?? null,
              },
            ]
          : [],
      ),
    )
    .sort((a, b) => a.unitUuid.localeCompare(b.unitUuid) || a.uuid.localeCompare(b.uuid));
}

import type { KleRole, LoraManager, LoraOrgUnit } from '#lora';
import type { OrganisationQuery } from './organisation-graphql.js';

/**
 * The OrganisationHent documents the KOMBIT backbone sends, and how their answers are read. FK Organisation models a
 * manager as a membership (OrganisationFunktion) of the unit whose function type is `Leder`; an engagement as the
 * person's (bruger's) membership in a unit with the role `Enhedsrolle (Arbejder i)`; and a unit's KLE responsibility
 * as one of the unit's `opgaver`: a KLE emne number with a role (`Ansvarlig`, `Udførende`, `Indsigt`).
 */

export interface UnitNode {
  uuid: string;
  enhedsnavn: string | null;
  brugervendtNoegle: string | null;
  overordnetEnhed: { uuid: string } | null;
  medlemskaber: Array<{
    funktionsTypeTitel: string | null;
    bruger: { uuid: string; brugernavn: string | null; brugervendtNoegle: string | null } | null;
  }> | null;
}

export function unitQuery(unitUuid: string): OrganisationQuery {
  return {
    operationName: 'KombitBackboneUnit',
    query: `query KombitBackboneUnit($uuid: UUID!) {
  organisationEnhed(uuid: $uuid) {
    uuid enhedsnavn brugervendtNoegle
    overordnetEnhed { uuid }
    medlemskaber { funktionsTypeTitel bruger { uuid brugernavn brugervendtNoegle } }
  }
}`,
    variables: { uuid: unitUuid },
    lookingFor: `organisation unit ${unitUuid}`,
  };
}

export function orgUnitOf(node: UnitNode): LoraOrgUnit {
  return { uuid: node.uuid, brugervendtnoegle: node.brugervendtNoegle, enhedsnavn: node.enhedsnavn };
}

/** The distinct holders of the unit's manager function(s), sorted by uuid. */
export function managersOf(node: UnitNode, managerFunctionType: string): LoraManager[] {
  const wanted = managerFunctionType.toLowerCase();
  const managers = new Map<string, LoraManager>();
  for (const membership of node.medlemskaber ?? []) {
    if (membership.funktionsTypeTitel?.toLowerCase() !== wanted || !membership.bruger) continue;
    managers.set(membership.bruger.uuid, {
      uuid: membership.bruger.uuid,
      brugervendtnoegle: membership.bruger.brugervendtNoegle,
      brugernavn: membership.bruger.brugernavn,
      unitUuid: node.uuid,
    });
  }
  return [...managers.values()].sort((a, b) => a.uuid.localeCompare(b.uuid));
}

export interface KleUnitNode {
  uuid: string;
  opgaver: Array<{ kleEmneNummer: string | null; opgaveRolleTitel: string | null }> | null;
}

export interface KleUnitList {
  organisationEnhedListe: { edges: Array<{ node: KleUnitNode }> } | null;
}

/** The municipality's active units with the KLE number among their opgaver (in the role, when its uuid is known). */
export function kleUnitsQuery(
  cvr: string,
  kleNumber: string,
  roleUuid: string | undefined,
): OrganisationQuery {
  return {
    operationName: 'KombitBackboneKleUnits',
    query: `query KombitBackboneKleUnits($cvr: CVR!, $kleNummer: String!, $rolle: UUID) {
  organisationEnhedListe(cvr: $cvr, status: AKTIV, opgaver: { rolle: $rolle, kleNummer: [$kleNummer] }, first: 500) {
    edges { node { uuid opgaver { kleEmneNummer opgaveRolleTitel } } }
  }
}`,
    variables: { cvr, kleNummer: kleNumber, rolle: roleUuid ?? null },
    lookingFor: `unit with KLE ${kleNumber}`,
  };
}

/** `Udførende`, `udfoerende`, `UDFOERENDE` → `udfoerende`. */
function roleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/ø/g, 'oe')
    .replace(/[^a-z]/g, '');
}

/** The uuids of the units whose opgaver hold exactly the KLE number in the role, sorted. */
export function kleUnitsOf(answer: KleUnitList, kleNumber: string, role: KleRole): string[] {
  const units = (answer.organisationEnhedListe?.edges ?? [])
    .map((edge) => edge.node)
    .filter((node) =>
      (node.opgaver ?? []).some(
        (opgave) => opgave.kleEmneNummer === kleNumber && roleKey(opgave.opgaveRolleTitel ?? '') === role,
      ),
    )
    .map((node) => node.uuid);
  return [...new Set(units)].sort();
}

export interface BrugerEngagements {
  bruger: Array<{
    uuid: string;
    harMedlemskab: Array<{
      uuid: string;
      brugervendtNoegle: string | null;
      medlemAf: { uuid: string } | null;
    }> | null;
  }> | null;
}

export function engagementsQuery(personUuid: string, engagementRole: string): OrganisationQuery {
  return {
    operationName: 'KombitBackboneEngagements',
    query: `query KombitBackboneEngagements($uuid: [UUID!]!, $rolle: UUID!) {
  bruger(uuid: $uuid) {
    uuid
    harMedlemskab(rolle: $rolle) { uuid brugervendtNoegle medlemAf { uuid } }
  }
}`,
    variables: { uuid: [personUuid], rolle: engagementRole },
    lookingFor: `bruger ${personUuid}`,
  };
}

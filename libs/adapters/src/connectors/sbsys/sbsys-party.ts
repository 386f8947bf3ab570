/** A person or company to put on a case, as SBSYS's person or company search found it. */
export interface SbsysPartyFound {
  readonly partyId: number;
  readonly person: boolean;
  /** The CPR number as ddmmyy-nnnn, or the CVR number. */
  readonly number: string;
  readonly name: unknown;
}

const numberFieldOf = (party: SbsysPartyFound) => (party.person ? 'CPRnummer' : 'CVRnummer');

/** Whether SBSIP's list of a case's parties (`GET /api/sag/{id}/part`) already holds `party`. */
export function isPartyOnCase(parties: unknown, party: SbsysPartyFound): boolean {
  if (!Array.isArray(parties)) return false;
  return parties.some((row: unknown) => {
    if (typeof row !== 'object' || row === null) return false;
    const listed = row as Record<string, unknown>;
    return listed['PartId'] === party.partyId || listed[numberFieldOf(party)] === party.number;
  });
}

/** SBSIP's `PartDto` for `POST /api/sag/{id}/part`. */
export function partBody(party: SbsysPartyFound): Record<string, unknown> {
  return {
    PartId: party.partyId,
    PartType: party.person ? 'Person' : 'Firma',
    [numberFieldOf(party)]: party.number,
    ...(typeof party.name === 'string' ? { Navn: party.name } : {}),
  };
}

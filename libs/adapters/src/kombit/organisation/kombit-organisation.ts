import {
  LoraLookupError,
  type BackboneEngagement,
  type BackboneKleResponsibility,
  type BackboneOrgUnitWithManager,
  type KleRole,
  type LoraManager,
} from '#lora';
import type { ConnectorContext } from '../../contract/connector.js';
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { stsSettingsOf } from '../../sts/sts-settings.js';
import type { StsTokenService } from '../../sts/sts-token-service.js';
import type { KombitKlassifikationService, KombitOrganisationService } from '../kombit-services.js';
import { backboneSettingsWhere } from '../kombit-settings-section.js';
import { OrganisationGraphql } from './organisation-graphql.js';
import {
  engagementsQuery,
  kleUnitsOf,
  kleUnitsQuery,
  managersOf,
  orgUnitOf,
  unitQuery,
  type BrugerEngagements,
  type KleUnitList,
  type UnitNode,
} from './organisation-queries.js';
import {
  DEFAULT_ENGAGEMENT_ROLE,
  DEFAULT_KLE_ANSVARLIG_ROLE,
  DEFAULT_MANAGER_FUNCTION_TYPE,
  kombitOrganisationSettingsOf,
} from './organisation-settings.js';

/** How far up the overordnet chain a manager is looked for. */
const MAX_UNIT_DEPTH = 20;
const KLE_NUMBER = /^\d{2}(\.\d{2}(\.\d{2})?)?$/;

export interface KombitOrganisationOptions extends HttpClientOptions {
  /** The `x-TransaktionsId` of each call (default a random uuid). */
  transactionId?: () => string;
}

/**
 * {@link KombitOrganisationService} on Fælleskommunalt Organisationssystem (SF1500), through its GraphQL service
 * OrganisationHent alone: it answers units with their parent and memberships, the municipality's units by KLE
 * opgave and role, and a bruger's memberships — every field these lookups need, so the SOAP Laes/Soeg services are
 * not called. The unit responsible for a KLE number is found as on LoRA: the emne asked for, else its gruppe, else
 * its hovedgruppe, each looked up in Klassifikation (the injected {@link KombitKlassifikationService}).
 *
 * @example
 * const organisation = new KombitOrganisation(sts, new KombitKlassifikation(sts));
 * const { unit, manager } = await organisation.orgUnitWithManager(context, '5dbc66a1-94ab-4097-aacc-3931adb52b34');
 */
export class KombitOrganisation implements KombitOrganisationService {
  private readonly http: HttpClient;
  private readonly graphql: OrganisationGraphql;

  constructor(
    sts: StsTokenService,
    private readonly klassifikation: KombitKlassifikationService,
    options: KombitOrganisationOptions = {},
  ) {
    const { transactionId, ...httpOptions } = options;
    this.http = new HttpClient({ ...httpOptions, idempotencyKeyHeader: false });
    this.graphql = new OrganisationGraphql(this.http, sts, transactionId);
  }

  async orgUnitWithManager(context: ConnectorContext, unitUuid: string): Promise<BackboneOrgUnitWithManager> {
    const managerType =
      kombitOrganisationSettingsOf(context).managerFunctionType ?? DEFAULT_MANAGER_FUNCTION_TYPE;
    const unit = await this.unit(context, unitUuid);
    let current: UnitNode | undefined = unit;
    for (let depth = 0; current && depth < MAX_UNIT_DEPTH; depth += 1) {
      const manager = onlyManager(managersOf(current, managerType), current.uuid);
      if (manager) return { unit: orgUnitOf(unit), manager };
      const parent: string | undefined = current.overordnetEnhed?.uuid;
      current = parent === undefined ? undefined : await this.unit(context, parent);
    }
    return { unit: orgUnitOf(unit), manager: null };
  }

  async unitResponsibleForKle(
    context: ConnectorContext,
    kleNumber: string,
    role: KleRole,
  ): Promise<BackboneKleResponsibility> {
    if (!KLE_NUMBER.test(kleNumber)) {
      throw new LoraLookupError('NOT_FOUND', `'${kleNumber}' is not a KLE number (NN, NN.NN or NN.NN.NN)`);
    }
    const settings = kombitOrganisationSettingsOf(context);
    const cvr = stsSettingsOf(context.tenant.config.settings, backboneSettingsWhere(context)).cvr;
    const roleUuid =
      settings.kleRoles?.[role] ?? (role === 'ansvarlig' ? DEFAULT_KLE_ANSVARLIG_ROLE : undefined);
    const parts = kleNumber.split('.');
    const candidates = parts.map((_, index) => parts.slice(0, parts.length - index).join('.'));
    for (const number of candidates) {
      const kle = await this.klassifikation.klasseByKleNumber(context, number).catch((error: unknown) => {
        if (error instanceof LoraLookupError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      });
      if (!kle) continue;
      const answer = await this.graphql.run<KleUnitList>(context, kleUnitsQuery(cvr, number, roleUuid));
      const units = kleUnitsOf(answer, number, role);
      if (units.length > 1) {
        throw new LoraLookupError('AMBIGUOUS', `${units.length} units are '${role}' for KLE ${number}`);
      }
      if (units.length === 1) return { kle, ...(await this.orgUnitWithManager(context, units[0]!)) };
    }
    throw new LoraLookupError('NOT_FOUND', `No unit is '${role}' for KLE ${kleNumber}`);
  }

  async personEngagements(context: ConnectorContext, personUuid: string): Promise<BackboneEngagement[]> {
    const role = kombitOrganisationSettingsOf(context).engagementRole ?? DEFAULT_ENGAGEMENT_ROLE;
    const answer = await this.graphql.run<BrugerEngagements>(context, engagementsQuery(personUuid, role));
    const bruger = (answer.bruger ?? []).find((candidate) => candidate.uuid === personUuid);
    if (!bruger) throw new LoraLookupError('NOT_FOUND', `FK Organisation has no bruger ${personUuid}`);
    return (bruger.harMedlemskab ?? [])
      .filter((membership) => membership.medlemAf !== null)
      .map((membership) => ({
        uuid: membership.uuid,
        personUuid,
        unitUuid: membership.medlemAf!.uuid,
        brugervendtnoegle: membership.brugervendtNoegle,
      }))
      .sort((a, b) => a.unitUuid.localeCompare(b.unitUuid) || a.uuid.localeCompare(b.uuid));
  }

  /** Closes the pooled mTLS connections. */
  close(): void {
    this.http.close();
  }

  private async unit(context: ConnectorContext, unitUuid: string): Promise<UnitNode> {
    const answer = await this.graphql.run<{ organisationEnhed: UnitNode | null }>(
      context,
      unitQuery(unitUuid),
    );
    if (!answer.organisationEnhed) {
      throw new LoraLookupError('NOT_FOUND', `FK Organisation has no organisation unit ${unitUuid}`);
    }
    return answer.organisationEnhed;
  }
}

function onlyManager(managers: LoraManager[], unitUuid: string): LoraManager | null {
  if (managers.length > 1) {
    throw new LoraLookupError('AMBIGUOUS', `Organisation unit ${unitUuid} has ${managers.length} managers`);
  }
  return managers[0] ?? null;
}

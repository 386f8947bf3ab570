import { LoraRequestError } from '../api/lora-request.error.js';
import {
  GENERAL_SEARCH_PARAMETERS,
  single,
  TEMPORAL_PARAMETERS,
  wholeNumber,
  type LoraParameters,
  type LoraTimeSlice,
} from '../api/lora-parameters.js';
import { groupSuffix } from '../object-types/lora-object-types.js';
import { LIVSCYKLUSKODER } from '../registration/lora-lifecycle.js';
import {
  DOKUMENT_PART_FIELDS,
  DOKUMENT_PART_RELATIONS,
  type SearchKind,
} from '../registration/search-values.js';
import { sqlBounds } from '../time/lora-time.js';
import { registrationCondition, type LoraScope } from './lora-registration-store.js';

/** One condition a found registration must meet: a search value of this kind (and name) matching. */
interface SearchFilter {
  kind: SearchKind;
  name?: string;
  /** Lower-cased; a LIKE pattern (`%`, `_`) unless `exact`. */
  value: string;
  exact: boolean;
  objekttype?: string;
}

/** A search's SQL and parameters, and whether it answers whole objects (`list=true`). */
export interface LoraSearchQuery {
  sql: string;
  parameters: unknown[];
  listObjects: boolean;
}

/** The type's search parameter names: attribute fields, state groups (`publiceret`) and relations. */
function fieldsOf(scope: LoraScope) {
  const dokument = scope.type.name === 'dokument';
  return {
    attributes: new Set([
      ...Object.values(scope.type.attributes).flat(),
      ...(dokument ? DOKUMENT_PART_FIELDS : []),
    ]),
    states: new Set(Object.keys(scope.type.states).map((group) => groupSuffix(scope.type, group))),
    relations: new Set([
      ...scope.type.singleRelations,
      ...scope.type.multiRelations,
      ...(dokument ? DOKUMENT_PART_RELATIONS : []),
    ]),
  };
}

/** True when `name` is a parameter a search of this type takes. */
export function isSearchParameter(scope: LoraScope, name: string): boolean {
  const fields = fieldsOf(scope);
  return (
    (TEMPORAL_PARAMETERS as readonly string[]).includes(name) ||
    (GENERAL_SEARCH_PARAMETERS as readonly string[]).includes(name) ||
    fields.attributes.has(name) ||
    fields.states.has(name) ||
    fields.relations.has(name.split(':')[0])
  );
}

const UUID = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;

/** Refuses a value that is no uuid, naming the parameter. */
export function checkedUuid(value: string, where: string): string {
  if (!UUID.test(value)) throw new LoraRequestError(`${where}: '${value}' is not a uuid`);
  return value.toLowerCase();
}

function filtersOf(scope: LoraScope, parameters: LoraParameters): SearchFilter[] {
  const fields = fieldsOf(scope);
  const filters: SearchFilter[] = [];
  for (const [name, values] of parameters) {
    for (const raw of values) {
      const value = raw.toLowerCase();
      if (name === 'vilkaarligattr') filters.push({ kind: 'attribut', value, exact: false });
      else if (name === 'vilkaarligrel') filters.push({ kind: 'relation', value, exact: true });
      else if (name === 'notetekst') filters.push({ kind: 'notetekst', value, exact: false });
      else if (fields.attributes.has(name)) filters.push({ kind: 'attribut', name, value, exact: false });
      else if (fields.states.has(name)) filters.push({ kind: 'tilstand', name, value, exact: false });
      else if (fields.relations.has(name.split(':')[0])) {
        const [relation, objekttype] = name.split(':');
        filters.push({
          kind: 'relation',
          name: relation,
          value,
          exact: true,
          ...(objekttype ? { objekttype } : {}),
        });
      }
    }
  }
  return filters;
}

/**
 * A search as LoRA does it: objects with a registration in the registration slice (lifecycle not Slettet or
 * Passiveret unless `livscykluskode` says) that has, for every filter, a matching value whose virkning overlaps the
 * virkning slice; strings match case-insensitively with `%`/`_` wildcards; ordered by brugervendtnoegle, then uuid;
 * paged by `foersteresultat`/`maximalantalresultater`.
 */
export function searchQueryOf(
  scope: LoraScope,
  parameters: LoraParameters,
  slice: LoraTimeSlice,
): LoraSearchQuery {
  const [registeredFrom, registeredTo] = sqlBounds(slice.registration);
  const [virkningFrom, virkningTo] = sqlBounds(slice.virkning);
  const values: unknown[] = [
    scope.tenantId,
    scope.type.name,
    registeredFrom,
    registeredTo,
    virkningFrom,
    virkningTo,
  ];
  const parameter = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions: string[] = [];
  const livscykluskode = single(parameters, 'livscykluskode');
  if (livscykluskode !== undefined) {
    const code = LIVSCYKLUSKODER.find((known) => known.toLowerCase() === livscykluskode.toLowerCase());
    if (!code)
      throw new LoraRequestError(
        `livscykluskode: expected one of ${LIVSCYKLUSKODER.join(', ')}, found '${livscykluskode}'`,
      );
    conditions.push(`r.livscykluskode = ${parameter(code)}`);
  } else {
    conditions.push(`r.livscykluskode NOT IN ('Slettet', 'Passiveret')`);
  }
  const uuid = single(parameters, 'uuid');
  if (uuid !== undefined) conditions.push(`r.uuid = ${parameter(checkedUuid(uuid, 'uuid'))}::uuid`);
  const brugerref = single(parameters, 'brugerref');
  if (brugerref !== undefined)
    conditions.push(`lower(r.brugerref) LIKE ${parameter(brugerref.toLowerCase())}`);
  for (const filter of filtersOf(scope, parameters)) {
    const clauses = [`s.registration_id = r.id`, `s.kind = ${parameter(filter.kind)}`];
    if (filter.name !== undefined) clauses.push(`s.name = ${parameter(filter.name)}`);
    clauses.push(`s.value ${filter.exact ? '=' : 'LIKE'} ${parameter(filter.value)}`);
    if (filter.objekttype !== undefined) clauses.push(`s.objekttype = ${parameter(filter.objekttype)}`);
    clauses.push(`tstzrange(s.virkning_from, s.virkning_to) && tstzrange($5::timestamptz, $6::timestamptz)`);
    conditions.push(`EXISTS (SELECT 1 FROM lora_search_values s WHERE ${clauses.join(' AND ')})`);
  }
  const offset = wholeNumber(parameters, 'foersteresultat');
  const limit = wholeNumber(parameters, 'maximalantalresultater');
  const listText = single(parameters, 'list');
  if (listText !== undefined && !['true', 'false', '1', '0'].includes(listText.toLowerCase())) {
    throw new LoraRequestError(`list: expected true or false, found '${listText}'`);
  }
  const sql = `SELECT uuid FROM (
      SELECT DISTINCT ON (r.uuid) r.uuid::text AS uuid,
        (SELECT min(b.value) FROM lora_search_values b
         WHERE b.registration_id = r.id AND b.kind = 'attribut' AND b.name = 'brugervendtnoegle') AS bvn
      FROM lora_registrations r
      WHERE r.tenant_id = $1 AND r.object_type = $2
        AND ${registrationCondition(slice, '$3', '$4', 'r')}
        AND tstzrange($5::timestamptz, $6::timestamptz) IS NOT NULL
        ${conditions.map((condition) => `AND ${condition}`).join('\n        ')}
      ORDER BY r.uuid, r.registered_from DESC
    ) found
    ORDER BY bvn NULLS LAST, uuid
    ${offset !== undefined ? `OFFSET ${parameter(offset)}` : ''} ${limit !== undefined ? `LIMIT ${parameter(limit)}` : ''}`;
  return { sql, parameters: values, listObjects: listText === 'true' || listText === '1' };
}

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
import type { TypedSearchValues } from '../registration/typed-search-values.js';
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

function filtersOf(
  scope: LoraScope,
  parameters: LoraParameters,
  typedValues: TypedSearchValues,
): SearchFilter[] {
  const fields = fieldsOf(scope);
  const filters: SearchFilter[] = [];
  for (const [name, values] of parameters) {
    // A typed field's value is compared by type: equal to its value read as that type, no wildcards.
    const typed = typedValues.get(name);
    if (typed) {
      filters.push(...typed.map((value) => ({ kind: 'attribut' as const, name, value, exact: true })));
      continue;
    }
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
 * The filters as groups that must match together: a type's attribute fields by the attribute group they belong to
 * (several fields of one group match within one entry), every other filter on its own.
 */
function filterGroupsOf(scope: LoraScope, filters: SearchFilter[]): SearchFilter[][] {
  const groupOfField = new Map<string, string>();
  for (const [group, fields] of Object.entries(scope.type.attributes)) {
    for (const field of fields) groupOfField.set(field, group);
  }
  const byAttributeGroup = new Map<string, SearchFilter[]>();
  const groups: SearchFilter[][] = [];
  for (const filter of filters) {
    const group = filter.kind === 'attribut' && filter.name ? groupOfField.get(filter.name) : undefined;
    if (group === undefined) {
      groups.push([filter]);
      continue;
    }
    const members = byAttributeGroup.get(group);
    if (members) members.push(filter);
    else {
      const created = [filter];
      byAttributeGroup.set(group, created);
      groups.push(created);
    }
  }
  return groups;
}

/**
 * A search as LoRA does it: objects with a registration in the registration slice (lifecycle not Slettet or
 * Passiveret unless `livscykluskode` says) that has, for every filter, a matching value whose virkning overlaps the
 * virkning slice, the fields of one attribute group all in the same entry; strings match case-insensitively with
 * `%`/`_` wildcards, typed fields by value (`typedValues`, read by `typedSearchValuesOf`); ordered by
 * brugervendtnoegle, then uuid; paged by `foersteresultat`/`maximalantalresultater`.
 */
export function searchQueryOf(
  scope: LoraScope,
  parameters: LoraParameters,
  slice: LoraTimeSlice,
  typedValues: TypedSearchValues,
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
  const matching = (filter: SearchFilter, alias: string) => {
    const clauses = [`${alias}.registration_id = r.id`, `${alias}.kind = ${parameter(filter.kind)}`];
    if (filter.name !== undefined) clauses.push(`${alias}.name = ${parameter(filter.name)}`);
    clauses.push(`${alias}.value ${filter.exact ? '=' : 'LIKE'} ${parameter(filter.value)}`);
    if (filter.objekttype !== undefined)
      clauses.push(`${alias}.objekttype = ${parameter(filter.objekttype)}`);
    return clauses;
  };
  const overlapsSlice = (alias: string) =>
    `tstzrange(${alias}.virkning_from, ${alias}.virkning_to) && tstzrange($5::timestamptz, $6::timestamptz)`;
  for (const group of filterGroupsOf(scope, filtersOf(scope, parameters, typedValues))) {
    const [first, ...sameEntry] = group;
    // The other fields of one attribute group must hold in the same entry as the first: the one with its period
    // (a group's entries never overlap in virkning), as LoRA matches all of a group's fields in one row.
    const others = sameEntry.map((filter, index) => {
      const alias = `e${index}`;
      return `EXISTS (SELECT 1 FROM lora_search_values ${alias} WHERE ${[
        ...matching(filter, alias),
        `${alias}.virkning_from IS NOT DISTINCT FROM s.virkning_from`,
        `${alias}.virkning_to IS NOT DISTINCT FROM s.virkning_to`,
      ].join(' AND ')})`;
    });
    conditions.push(
      `EXISTS (SELECT 1 FROM lora_search_values s WHERE ${[...matching(first, 's'), overlapsSlice('s'), ...others].join(' AND ')})`,
    );
  }
  const offset = wholeNumber(parameters, 'foersteresultat');
  const limit = wholeNumber(parameters, 'maximalantalresultater');
  const listText = single(parameters, 'list');
  if (listText !== undefined && !['true', 'false', '1', '0'].includes(listText.toLowerCase())) {
    throw new LoraRequestError(`list: expected true or false, found '${listText}'`);
  }
  const where = `r.tenant_id = $1 AND r.object_type = $2
        AND ${registrationCondition(slice, '$3', '$4', 'r')}
        AND tstzrange($5::timestamptz, $6::timestamptz) IS NOT NULL
        ${conditions.map((condition) => `AND ${condition}`).join('\n        ')}`;
  const page = `${offset !== undefined ? `OFFSET ${parameter(offset)}` : ''} ${limit !== undefined ? `LIMIT ${parameter(limit)}` : ''}`;
  // At now an object has one current registration: the rows come in the order of the current-registration index
  // (brugervendtnoegle, uuid), so a page of a broad search stops after its last row instead of sorting them all.
  const sql = slice.currentRegistration
    ? `SELECT r.uuid::text AS uuid FROM lora_registrations r
      WHERE ${where}
      ORDER BY r.brugervendtnoegle NULLS LAST, r.uuid
      ${page}`
    : `SELECT uuid::text AS uuid FROM (
      SELECT DISTINCT ON (r.uuid) r.uuid, r.brugervendtnoegle
      FROM lora_registrations r
      WHERE ${where}
      ORDER BY r.uuid, r.registered_from DESC
    ) found
    ORDER BY brugervendtnoegle NULLS LAST, uuid
    ${page}`;
  return { sql, parameters: values, listObjects: listText === 'true' || listText === '1' };
}

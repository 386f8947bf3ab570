/**
 * The GraphQL documents connector:os2mo sends to OS2mo (`/graphql/v{n}`), built from the fields a task asks for so
 * OS2mo returns nothing more. The documents use OS2mo's own names (`org_units`, `employees`, `engagements`,
 * `managers(inherit: true)`, `filter: {uuids: …}`); every value travels as a variable, never in the text.
 */

export const ORG_UNIT_FIELDS = ['uuid', 'name', 'userKey', 'parent', 'manager'] as const;
export const EMPLOYEE_FIELDS = ['uuid', 'name', 'givenName', 'surname', 'userKey'] as const;
export type OrgUnitField = (typeof ORG_UNIT_FIELDS)[number];
export type EmployeeField = (typeof EMPLOYEE_FIELDS)[number];

/** Our field name → OS2mo's selection for it. */
const EMPLOYEE_SELECTION: Readonly<Record<EmployeeField, string>> = {
  uuid: 'uuid',
  name: 'name',
  givenName: 'given_name',
  surname: 'surname',
  userKey: 'user_key',
};
const ORG_UNIT_SELECTION: Readonly<Record<OrgUnitField, string>> = {
  uuid: 'uuid',
  name: 'name',
  userKey: 'user_key',
  parent: 'parent { uuid name }',
  manager: 'managers(inherit: true) { person { uuid name } }',
};

export function employeeSelection(fields: readonly EmployeeField[]): string {
  return fields.map((field) => EMPLOYEE_SELECTION[field]).join(' ');
}

export function orgUnitDocument(fields: readonly OrgUnitField[]): string {
  const selection = fields.map((field) => ORG_UNIT_SELECTION[field]).join(' ');
  return `query OrgUnit($uuids: [UUID!]) { org_units(filter: {uuids: $uuids}) { objects { current { uuid ${selection} } } } }`;
}

export function employeeDocument(fields: readonly EmployeeField[], by: 'uuids' | 'user_keys'): string {
  const type = by === 'uuids' ? '[UUID!]' : '[String!]';
  return `query Employee($keys: ${type}) { employees(filter: {${by}: $keys}) { objects { current { uuid ${employeeSelection(fields)} } } } }`;
}

/** The unit itself (to tell an unknown unit from an empty one) and the people engaged in it. */
export function unitEmployeesDocument(fields: readonly EmployeeField[]): string {
  return `query UnitEmployees($uuids: [UUID!]) { org_units(filter: {uuids: $uuids}) { objects { uuid } } engagements(filter: {org_unit: {uuids: $uuids}}) { objects { current { person { uuid ${employeeSelection(fields)} } } } } }`;
}

/**
 * The unit's manager: `inherit: true` makes OS2mo walk up the tree to the nearest unit that has one, and
 * `org_unit` says which unit that was.
 */
export function unitManagerDocument(fields: readonly EmployeeField[]): string {
  return `query UnitManager($uuids: [UUID!]) { org_units(filter: {uuids: $uuids}) { objects { current { managers(inherit: true) { person { uuid ${employeeSelection(fields)} } org_unit { uuid name } } } } } }`;
}

/** Reads an OS2mo employee object into the fields asked for, under our names. */
export function employeeOf(
  value: Record<string, unknown>,
  fields: readonly EmployeeField[],
): Record<string, string | null> {
  return Object.fromEntries(
    fields.map((field) => {
      const raw = value[EMPLOYEE_SELECTION[field]];
      return [field, typeof raw === 'string' ? raw : null];
    }),
  );
}

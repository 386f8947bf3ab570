import type { Connector, ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { baseUrlOf } from '../../http/base-url.js';
import { HttpClient, failForStatus, type HttpClientOptions } from '../../http/http-client.js';
import { httpSettingsOf } from '../../http/http-settings.js';
import { schema, type Infer, type JsonValue } from '../../schema/schema.js';
import {
  EMPLOYEE_FIELDS,
  ORG_UNIT_FIELDS,
  employeeDocument,
  employeeOf,
  orgUnitDocument,
  unitEmployeesDocument,
  unitManagerDocument,
  type EmployeeField,
  type OrgUnitField,
} from './os2mo-queries.js';

/** The BPMN error an unknown unit or employee becomes unless the task names another. */
export const OS2MO_NOT_FOUND = 'OS2MO_NOT_FOUND';
/** The GraphQL API version used unless the tenant's settings name another (`graphqlVersion`). */
export const DEFAULT_OS2MO_GRAPHQL_VERSION = 22;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const os2moInput = schema.object({
  operation: schema.enum(['org-unit', 'unit-employees', 'unit-manager', 'employee'], {
    description: 'What to look up in OS2mo.',
  }),
  uuid: schema.optional(
    schema.string({
      pattern: UUID,
      description: 'The org unit’s uuid, or the employee’s (operation employee).',
    }),
  ),
  userKey: schema.optional(
    schema.string({
      minLength: 1,
      maxLength: 200,
      description: 'The employee’s user key (instead of uuid).',
    }),
  ),
  fields: schema.optional(
    schema.array(schema.enum([...new Set([...ORG_UNIT_FIELDS, ...EMPLOYEE_FIELDS])]), {
      minItems: 1,
      description: `Only these fields come back: for org-unit ${ORG_UNIT_FIELDS.join(', ')}; for employees and managers ${EMPLOYEE_FIELDS.join(', ')}. Default: uuid and name.`,
    }),
  ),
  notFoundErrorCode: schema.optional(
    schema.string({
      minLength: 1,
      description: `BPMN error code for an unknown unit or employee (default ${OS2MO_NOT_FOUND}).`,
    }),
  ),
});

const person = schema.record(schema.json());
const os2moOutput = schema.object({
  orgUnit: schema.optional(schema.record(schema.json())),
  employees: schema.optional(schema.array(person)),
  manager: schema.optional(schema.nullable(person)),
  employee: schema.optional(person),
});

export type Os2moInput = Infer<typeof os2moInput>;
export type Os2moOutput = Infer<typeof os2moOutput>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OS2mo answers some relations as a list (`person: [Employee!]`) and some as one object: the first either way. */
function first(value: unknown): Record<string, unknown> | undefined {
  const item = Array.isArray(value) ? (value[0] as unknown) : value;
  return isObject(item) ? item : undefined;
}

/** `data.<root>.objects`, each object's `current` when it has one (the validity now). */
function objectsOf(data: Record<string, unknown>, root: string): Array<Record<string, unknown>> {
  const objects = (data[root] as { objects?: unknown } | undefined)?.objects;
  if (!Array.isArray(objects)) return [];
  return objects
    .map((object: unknown) => (isObject(object) && 'current' in object ? object['current'] : object))
    .filter(isObject);
}

/**
 * `connector:os2mo` — reads the tenant's organisation from OS2mo's GraphQL API with an OIDC client-credentials token
 * (Keycloak's token endpoint): an org unit by uuid (name, user key, parent, manager), the employees of a unit, the
 * manager of a unit — the nearest one up the tree, as OS2mo's `inherit` does — and an employee by uuid or user key.
 * The query asks for the requested fields only, and only those reach the process.
 */
export class Os2moConnector implements Connector<Os2moInput, Os2moOutput> {
  readonly id = 'os2mo';
  readonly description =
    "Reads the tenant's organisation from OS2mo (GraphQL, OIDC client credentials): an org unit, its employees, its (inherited) manager, or an employee — only the requested fields.";
  readonly input = os2moInput;
  readonly output = os2moOutput;
  private readonly http: HttpClient;

  constructor(options: HttpClientOptions = {}) {
    this.http = new HttpClient(options);
  }

  async execute(input: Os2moInput, context: ConnectorContext): Promise<Os2moOutput> {
    const notFound = (what: string): never => {
      throw new PermanentConnectorError(`OS2mo has no ${what}`, {
        bpmnErrorCode: input.notFoundErrorCode ?? OS2MO_NOT_FOUND,
      });
    };
    if (
      input.operation === 'employee'
        ? (input.uuid === undefined) === (input.userKey === undefined)
        : input.uuid === undefined
    ) {
      throw new PermanentConnectorError(
        input.operation === 'employee'
          ? "Operation 'employee' needs exactly one of $.uuid and $.userKey"
          : `$.uuid (the org unit's) is needed for operation '${input.operation}'`,
      );
    }
    const fields = input.fields ?? ['uuid', 'name'];
    const allowed: readonly string[] = input.operation === 'org-unit' ? ORG_UNIT_FIELDS : EMPLOYEE_FIELDS;
    const wrong = fields.filter((field) => !allowed.includes(field));
    if (wrong.length > 0) {
      throw new PermanentConnectorError(
        `$.fields: ${wrong.join(', ')} cannot be asked for with operation '${input.operation}' (expected any of ${allowed.join(', ')})`,
      );
    }
    switch (input.operation) {
      case 'org-unit': {
        const data = await this.query(context, orgUnitDocument(fields as OrgUnitField[]), {
          uuids: [input.uuid!],
        });
        const unit = objectsOf(data, 'org_units')[0] ?? notFound('org unit with that uuid');
        return { orgUnit: this.orgUnitOf(unit, fields as OrgUnitField[]) };
      }
      case 'unit-employees': {
        const data = await this.query(context, unitEmployeesDocument(fields as EmployeeField[]), {
          uuids: [input.uuid!],
        });
        if (objectsOf(data, 'org_units').length === 0) notFound('org unit with that uuid');
        const people = new Map<string, Record<string, JsonValue>>();
        for (const engagement of objectsOf(data, 'engagements')) {
          const employee = first(engagement['person']);
          if (employee && !people.has(String(employee['uuid'])))
            people.set(String(employee['uuid']), employeeOf(employee, fields as EmployeeField[]));
        }
        return { employees: [...people.values()] };
      }
      case 'unit-manager': {
        const data = await this.query(context, unitManagerDocument(fields as EmployeeField[]), {
          uuids: [input.uuid!],
        });
        const unit = objectsOf(data, 'org_units')[0] ?? notFound('org unit with that uuid');
        const managers = Array.isArray(unit['managers'])
          ? (unit['managers'] as unknown[]).filter(isObject)
          : [];
        const found = managers.find((manager) => first(manager['person']) !== undefined);
        if (!found) return { manager: null };
        const at = first(found['org_unit']);
        return {
          manager: {
            ...employeeOf(first(found['person'])!, fields as EmployeeField[]),
            orgUnit: at
              ? { uuid: String(at['uuid']), name: typeof at['name'] === 'string' ? at['name'] : null }
              : null,
          },
        };
      }
      case 'employee': {
        const by = input.uuid === undefined ? 'user_keys' : 'uuids';
        const data = await this.query(context, employeeDocument(fields as EmployeeField[], by), {
          keys: [input.uuid ?? input.userKey!],
        });
        const employee = objectsOf(data, 'employees')[0] ?? notFound('employee with that uuid or user key');
        return { employee: employeeOf(employee, fields as EmployeeField[]) };
      }
    }
  }

  private orgUnitOf(
    unit: Record<string, unknown>,
    fields: readonly OrgUnitField[],
  ): Record<string, JsonValue> {
    const reference = (value: Record<string, unknown> | undefined): JsonValue =>
      value
        ? { uuid: String(value['uuid']), name: typeof value['name'] === 'string' ? value['name'] : null }
        : null;
    return Object.fromEntries(
      fields.map((field): [string, JsonValue] => {
        switch (field) {
          case 'userKey':
            return [field, typeof unit['user_key'] === 'string' ? unit['user_key'] : null];
          case 'parent':
            return [field, reference(first(unit['parent']))];
          case 'manager': {
            const managers = Array.isArray(unit['managers'])
              ? (unit['managers'] as unknown[]).filter(isObject)
              : [];
            const found = managers
              .map((manager) => first(manager['person']))
              .find((person) => person !== undefined);
            return [field, reference(found)];
          }
          default:
            return [field, typeof unit[field] === 'string' ? unit[field] : null];
        }
      }),
    );
  }

  /** One GraphQL request; its `data`, or a failure for an HTTP status or GraphQL `errors`. */
  private async query(
    context: ConnectorContext,
    document: string,
    variables: Readonly<Record<string, JsonValue>>,
  ): Promise<Record<string, unknown>> {
    const config = context.tenant.config;
    const base = baseUrlOf(
      config,
      'set baseUrl (OS2mo, https://…) and auth (oauth2 client_credentials with the Keycloak token URL) for the tenant',
    );
    const version = config.settings['graphqlVersion'];
    const path = `/graphql/v${typeof version === 'number' ? version : DEFAULT_OS2MO_GRAPHQL_VERSION}`;
    const timeoutMs = config.settings['timeoutMs'];
    const response = await this.http.request(
      {
        method: 'POST',
        url: `${base}${path}`,
        pathTemplate: path,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, variables }),
        // Only queries are sent: a repeated one changes nothing.
        idempotent: true,
        ...(typeof timeoutMs === 'number' ? { timeoutMs } : {}),
      },
      context,
      httpSettingsOf(config.settings, `Tenant '${context.tenant.id}', connector 'os2mo' settings`),
    );
    const what = `OS2mo (${new URL(base).host})`;
    failForStatus(response, what);
    const body = response.json();
    const errors = isObject(body) && Array.isArray(body['errors']) ? (body['errors'] as unknown[]) : [];
    if (errors.length > 0) {
      const message = (errors[0] as { message?: unknown } | null)?.message;
      throw new PermanentConnectorError(
        `${what} refused the query: ${typeof message === 'string' ? message.slice(0, 300) : 'an error without a message'}`,
      );
    }
    if (!isObject(body) || !isObject(body['data']))
      throw new PermanentConnectorError(`${what} answered no data`);
    return body['data'];
  }

  /** Closes pooled mTLS connections. */
  close(): void {
    this.http.close();
  }
}

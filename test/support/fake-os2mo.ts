import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * OS2mo on loopback: Keycloak's token endpoint (client credentials) and the GraphQL endpoint `/graphql/v22`, with a
 * tiny GraphQL reader — it parses the document's field selection (arguments, variables, nested selections) and
 * resolves `org_units`, `employees` and `engagements` over a small organisation, returning exactly the fields
 * selected and GraphQL's error for a field the schema does not have. Enough of GraphQL for connector:os2mo's
 * documents; no fragments or directives.
 */

export const FAKE_OS2MO_CLIENT = { clientId: 'kommune-flow', clientSecret: 'os2mo-client-secret-1' };
export const FAKE_OS2MO_TOKEN_PATH = '/auth/realms/mo/protocol/openid-connect/token';

export interface FakeUnit {
  uuid: string;
  name: string;
  user_key: string;
  parent?: string;
  manager?: string;
}
export interface FakeEmployee {
  uuid: string;
  given_name: string;
  surname: string;
  user_key: string;
}

/** Kommunen → Social → Børn og Unge; Social has a manager, Børn og Unge none of its own. */
export const FAKE_OS2MO = {
  units: [
    {
      uuid: 'f06ee470-9f17-566f-acbe-e938112d46d9',
      name: 'Kommunen',
      user_key: 'root',
      manager: 'b1a5e5b7-0000-4000-8000-000000000001',
    },
    {
      uuid: '5942ce50-2be8-476f-914b-6769a888a7c8',
      name: 'Social',
      user_key: 'social',
      parent: 'f06ee470-9f17-566f-acbe-e938112d46d9',
      manager: 'b1a5e5b7-0000-4000-8000-000000000002',
    },
    {
      uuid: '9b7b3dde-16c9-4f88-87cc-e03aa5b4e709',
      name: 'Børn og Unge',
      user_key: 'bu',
      parent: '5942ce50-2be8-476f-914b-6769a888a7c8',
    },
  ] as FakeUnit[],
  employees: [
    { uuid: 'b1a5e5b7-0000-4000-8000-000000000001', given_name: 'Anne', surname: 'Direktør', user_key: 'ad' },
    { uuid: 'b1a5e5b7-0000-4000-8000-000000000002', given_name: 'Bent', surname: 'Chef', user_key: 'bc' },
    {
      uuid: 'b1a5e5b7-0000-4000-8000-000000000003',
      given_name: 'Carla',
      surname: 'Rådgiver',
      user_key: 'cr',
    },
    { uuid: 'b1a5e5b7-0000-4000-8000-000000000004', given_name: 'Dan', surname: 'Pædagog', user_key: 'dp' },
  ] as FakeEmployee[],
  engagements: [
    { person: 'b1a5e5b7-0000-4000-8000-000000000003', org_unit: '9b7b3dde-16c9-4f88-87cc-e03aa5b4e709' },
    { person: 'b1a5e5b7-0000-4000-8000-000000000004', org_unit: '9b7b3dde-16c9-4f88-87cc-e03aa5b4e709' },
    { person: 'b1a5e5b7-0000-4000-8000-000000000002', org_unit: '5942ce50-2be8-476f-914b-6769a888a7c8' },
  ],
  /** A unit uuid OS2mo answers 503 for, and one it never answers. */
  downUnit: '00000000-0000-4000-8000-000000000503',
  slowUnit: '00000000-0000-4000-8000-000000000999',
};

type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | { variable: string };
interface Selection {
  name: string;
  args: Record<string, Value>;
  selections: Selection[];
}

/** Tokens of a GraphQL document: names, variables, numbers, strings and punctuation. */
function tokenize(document: string): string[] {
  return document.match(/\$?[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|[{}()[\]:!=,]/g) ?? [];
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: string[]) {}
  private peek(): string | undefined {
    return this.tokens[this.at];
  }
  private take(expected?: string): string {
    const token = this.tokens[this.at++];
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new Error(`Syntax Error: Expected ${expected ?? 'a token'}, found ${token ?? '<EOF>'}.`);
    return token;
  }
  document(): Selection[] {
    if (this.peek() === 'query') {
      this.take();
      if (this.peek() !== '(' && this.peek() !== '{') this.take();
      if (this.peek() === '(') while (this.take() !== ')');
    }
    return this.selectionSet();
  }
  private selectionSet(): Selection[] {
    this.take('{');
    const selections: Selection[] = [];
    while (this.peek() !== '}') {
      const name = this.take();
      const args: Record<string, Value> = {};
      if (this.peek() === '(') {
        this.take('(');
        while (this.peek() !== ')') {
          const argument = this.take();
          this.take(':');
          args[argument] = this.value();
          if (this.peek() === ',') this.take();
        }
        this.take(')');
      }
      selections.push({ name, args, selections: this.peek() === '{' ? this.selectionSet() : [] });
      if (this.peek() === ',') this.take();
    }
    this.take('}');
    return selections;
  }
  private value(): Value {
    const token = this.take();
    if (token === '{') {
      const object: Record<string, Value> = {};
      while (this.peek() !== '}') {
        const key = this.take();
        this.take(':');
        object[key] = this.value();
        if (this.peek() === ',') this.take();
      }
      this.take('}');
      return object;
    }
    if (token === '[') {
      const list: Value[] = [];
      while (this.peek() !== ']') {
        list.push(this.value());
        if (this.peek() === ',') this.take();
      }
      this.take(']');
      return list;
    }
    if (token.startsWith('$')) return { variable: token.slice(1) };
    if (token.startsWith('"')) return JSON.parse(token) as string;
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    return Number(token);
  }
}

function resolveVariables(value: Value, variables: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveVariables(item, variables));
  if (value !== null && typeof value === 'object') {
    if ('variable' in value && typeof value.variable === 'string') return variables[value.variable] ?? null;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveVariables(item as Value, variables)]),
    );
  }
  return value;
}

class GraphqlFieldError extends Error {}

export class FakeOs2mo {
  readonly queries: Array<{
    query: string;
    variables: Record<string, unknown>;
    idempotencyKey: string | undefined;
  }> = [];
  tokensIssued = 0;
  url = '';
  private server: Server | undefined;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.answer(request, response, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private answer(request: IncomingMessage, response: ServerResponse, body: string): void {
    const send = (status: number, json: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    if (request.method === 'POST' && request.url === FAKE_OS2MO_TOKEN_PATH) {
      const form = new URLSearchParams(body);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== FAKE_OS2MO_CLIENT.clientId ||
        form.get('client_secret') !== FAKE_OS2MO_CLIENT.clientSecret
      )
        return send(401, { error: 'unauthorized_client' });
      this.tokensIssued += 1;
      return send(200, {
        access_token: `mo-token-${this.tokensIssued}`,
        expires_in: 300,
        token_type: 'Bearer',
      });
    }
    if (request.method !== 'POST' || request.url !== '/graphql/v22')
      return send(404, { detail: 'Not Found' });
    if (!/^Bearer mo-token-\d+$/.test(request.headers['authorization'] ?? ''))
      return send(401, { detail: 'Not authenticated' });
    const { query, variables = {} } = JSON.parse(body) as {
      query: string;
      variables?: Record<string, unknown>;
    };
    this.queries.push({
      query,
      variables,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
    });
    const asked = JSON.stringify(variables);
    if (asked.includes(FAKE_OS2MO.slowUnit)) return;
    if (asked.includes(FAKE_OS2MO.downUnit)) return send(503, { detail: 'Service Unavailable' });
    try {
      const selections = new Parser(tokenize(query)).document();
      const data = Object.fromEntries(
        selections.map((selection) => [selection.name, this.root(selection, variables)]),
      );
      send(200, { data });
    } catch (error) {
      send(200, { data: null, errors: [{ message: (error as Error).message }] });
    }
  }

  private root(selection: Selection, variables: Record<string, unknown>): unknown {
    const filter = (resolveVariables(selection.args['filter'] ?? {}, variables) ?? {}) as Record<
      string,
      unknown
    >;
    const wanted = (key: string): string[] | undefined =>
      Array.isArray(filter[key]) ? (filter[key] as string[]) : undefined;
    let objects: Array<[string, unknown]>;
    switch (selection.name) {
      case 'org_units':
        objects = FAKE_OS2MO.units
          .filter((unit) => wanted('uuids')?.includes(unit.uuid) ?? true)
          .map((unit) => ['OrganisationUnit', unit]);
        break;
      case 'employees':
        objects = FAKE_OS2MO.employees
          .filter(
            (employee) =>
              (wanted('uuids')?.includes(employee.uuid) ?? true) &&
              (wanted('user_keys')?.includes(employee.user_key) ?? true),
          )
          .map((employee) => ['Employee', employee]);
        break;
      case 'engagements': {
        const units = ((filter['org_unit'] as Record<string, unknown> | undefined)?.['uuids'] ??
          undefined) as string[] | undefined;
        objects = FAKE_OS2MO.engagements
          .filter((engagement) => units?.includes(engagement.org_unit) ?? true)
          .map((engagement) => ['Engagement', engagement]);
        break;
      }
      default:
        throw new GraphqlFieldError(`Cannot query field '${selection.name}' on type 'Query'.`);
    }
    const [objectsField] = selection.selections;
    if (objectsField?.name !== 'objects')
      throw new GraphqlFieldError(`Cannot query field '${objectsField?.name}' on type 'Paged'.`);
    return {
      objects: objects.map(([type, object]) =>
        Object.fromEntries(
          objectsField.selections.map((field) => [
            field.name,
            field.name === 'current'
              ? this.project(type, object, field.selections)
              : this.field(type, object, field),
          ]),
        ),
      ),
    };
  }

  private project(type: string, object: unknown, selections: Selection[]): Record<string, unknown> {
    return Object.fromEntries(
      selections.map((selection) => [selection.name, this.field(type, object, selection)]),
    );
  }

  private field(type: string, object: unknown, selection: Selection): unknown {
    const unitOf = (uuid: string | undefined) => FAKE_OS2MO.units.find((unit) => unit.uuid === uuid);
    const employeeOf = (uuid: string | undefined) =>
      FAKE_OS2MO.employees.find((employee) => employee.uuid === uuid);
    const nested = (nestedType: string, value: unknown) =>
      value === undefined ? null : this.project(nestedType, value, selection.selections);
    if (type === 'OrganisationUnit') {
      const unit = object as FakeUnit;
      switch (selection.name) {
        case 'uuid':
        case 'name':
        case 'user_key':
          return unit[selection.name];
        case 'parent':
          return nested('OrganisationUnit', unitOf(unit.parent));
        case 'managers': {
          let holder: FakeUnit | undefined = unit;
          if (selection.args['inherit'] === true)
            while (holder && !holder.manager) holder = unitOf(holder.parent);
          return holder?.manager
            ? [
                this.project(
                  'Manager',
                  { person: holder.manager, org_unit: holder.uuid },
                  selection.selections,
                ),
              ]
            : [];
        }
      }
    }
    if (type === 'Employee') {
      const employee = object as FakeEmployee;
      switch (selection.name) {
        case 'uuid':
        case 'given_name':
        case 'surname':
        case 'user_key':
          return employee[selection.name];
        case 'name':
          return `${employee.given_name} ${employee.surname}`;
      }
    }
    if (type === 'Manager' || type === 'Engagement') {
      const relation = object as { person: string; org_unit: string };
      if (selection.name === 'person') return [nested('Employee', employeeOf(relation.person))];
      if (selection.name === 'org_unit') return [nested('OrganisationUnit', unitOf(relation.org_unit))];
    }
    throw new GraphqlFieldError(`Cannot query field '${selection.name}' on type '${type}'.`);
  }
}

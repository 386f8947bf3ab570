import type { LoraObjectService } from '#lora';
import { ORGANISATION_UUID, brugervendtnoegleOf, type BenchTypeName } from './lora-bench-objects.js';
import { BENCH_TENANT, scopeOf, type LoadedObjects } from './lora-bench-load.js';

/** Runs one SQL statement with parameters (a pool of the benchmark's schema). */
export type RunSql = (sql: string, parameters: unknown[]) => Promise<unknown>;

/**
 * One operation measured three ways with the same input: through the service (in this process), through the HTTP
 * API, and as plain hand-written SQL on the same tables giving the same answer (the floor).
 */
export interface BenchOperation {
  name: string;
  /** Sample `n`'s request path and query, as a LoRA client sends it (under `/lora`). */
  path: (n: number) => string;
  type: BenchTypeName;
  kind: 'read' | 'search';
  sql: (n: number) => { text: string; parameters: unknown[] };
}

const SERVICE_PATHS: Record<BenchTypeName, string> = {
  bruger: 'organisation/bruger',
  organisationenhed: 'organisation/organisationenhed',
  klasse: 'klassifikation/klasse',
  sag: 'sag/sag',
};

/** The current registration of one object. */
const READ_SQL = `SELECT id, uuid, registered_from, livscykluskode, brugerref, note, content FROM lora_registrations
  WHERE tenant_id = $1 AND object_type = $2 AND uuid = $3 AND registered_to IS NULL`;

/**
 * The floor of a search: current, live registrations of the type with a search value matching each condition
 * (`kind`, `name`, value by `=` or LIKE) whose virkning holds now, ordered by brugervendtnoegle, one page.
 */
function searchSql(
  type: BenchTypeName,
  conditions: Array<{ kind: string; name: string; operator: '=' | 'LIKE'; value: string }>,
  page: { offset: number; limit: number },
): { text: string; parameters: unknown[] } {
  const parameters: unknown[] = [BENCH_TENANT, type];
  const matches = conditions.map((condition) => {
    parameters.push(condition.kind, condition.name, condition.value);
    const [kind, name, value] = [parameters.length - 2, parameters.length - 1, parameters.length];
    return `EXISTS (SELECT 1 FROM lora_search_values s WHERE s.registration_id = r.id AND s.kind = $${kind}
      AND s.name = $${name} AND s.value ${condition.operator} $${value}
      AND tstzrange(s.virkning_from, s.virkning_to) @> now())`;
  });
  parameters.push(page.offset, page.limit);
  return {
    text: `SELECT r.uuid::text FROM lora_registrations r
      WHERE r.tenant_id = $1 AND r.object_type = $2 AND r.registered_to IS NULL
        AND r.livscykluskode NOT IN ('Slettet', 'Passiveret') AND ${matches.join(' AND ')}
      ORDER BY r.brugervendtnoegle NULLS LAST, r.uuid OFFSET $${parameters.length - 1} LIMIT $${parameters.length}`,
    parameters,
  };
}

/** The operations the benchmark times, over the loaded objects (sample `n` picks a different object each time). */
export function benchOperations(objects: LoadedObjects): BenchOperation[] {
  const pick = (type: BenchTypeName, n: number) => {
    const uuids = objects[type];
    return uuids[(n * 7919) % uuids.length];
  };
  const count = (type: BenchTypeName) => objects[type].length;
  const paged = 'maximalantalresultater=100&foersteresultat=0';
  return [
    {
      name: 'read bruger by uuid (now)',
      type: 'bruger',
      kind: 'read',
      path: (n) => `/${SERVICE_PATHS.bruger}/${pick('bruger', n)}`,
      sql: (n) => ({ text: READ_SQL, parameters: [BENCH_TENANT, 'bruger', pick('bruger', n)] }),
    },
    {
      name: 'read sag by uuid (now)',
      type: 'sag',
      kind: 'read',
      path: (n) => `/${SERVICE_PATHS.sag}/${pick('sag', n)}`,
      sql: (n) => ({ text: READ_SQL, parameters: [BENCH_TENANT, 'sag', pick('sag', n)] }),
    },
    {
      name: 'search bruger brugervendtnoegle=<exact>',
      type: 'bruger',
      kind: 'search',
      path: (n) => {
        const key = brugervendtnoegleOf('bruger', (n * 7919) % count('bruger'));
        return `/${SERVICE_PATHS.bruger}?brugervendtnoegle=${key}&${paged}`;
      },
      sql: (n) =>
        searchSql(
          'bruger',
          [
            {
              kind: 'attribut',
              name: 'brugervendtnoegle',
              operator: 'LIKE',
              value: brugervendtnoegleOf('bruger', (n * 7919) % count('bruger')).toLowerCase(),
            },
          ],
          { offset: 0, limit: 100 },
        ),
    },
    {
      name: 'search organisationenhed enhedsnavn=<prefix>%',
      type: 'organisationenhed',
      kind: 'search',
      path: (n) =>
        `/${SERVICE_PATHS.organisationenhed}?enhedsnavn=${encodeURIComponent(prefixOf(n))}&${paged}`,
      sql: (n) =>
        searchSql(
          'organisationenhed',
          [{ kind: 'attribut', name: 'enhedsnavn', operator: 'LIKE', value: prefixOf(n).toLowerCase() }],
          { offset: 0, limit: 100 },
        ),
    },
    {
      name: 'search sag titel=%<word>%',
      type: 'sag',
      kind: 'search',
      path: (n) => `/${SERVICE_PATHS.sag}?titel=${encodeURIComponent(containsOf(n))}&${paged}`,
      sql: (n) =>
        searchSql(
          'sag',
          [{ kind: 'attribut', name: 'titel', operator: 'LIKE', value: containsOf(n).toLowerCase() }],
          { offset: 0, limit: 100 },
        ),
    },
    {
      name: 'search sag primaerklasse=<uuid>',
      type: 'sag',
      kind: 'search',
      path: (n) => `/${SERVICE_PATHS.sag}?primaerklasse=${pick('klasse', n)}&${paged}`,
      sql: (n) =>
        searchSql(
          'sag',
          [{ kind: 'relation', name: 'primaerklasse', operator: '=', value: pick('klasse', n) }],
          {
            offset: 0,
            limit: 100,
          },
        ),
    },
    {
      name: 'search sag ansvarlig=<uuid> & titel=%<word>%',
      type: 'sag',
      kind: 'search',
      path: (n) =>
        `/${SERVICE_PATHS.sag}?ansvarlig=${pick('organisationenhed', n)}&titel=${encodeURIComponent(containsOf(n))}&${paged}`,
      sql: (n) =>
        searchSql(
          'sag',
          [
            { kind: 'relation', name: 'ansvarlig', operator: '=', value: pick('organisationenhed', n) },
            { kind: 'attribut', name: 'titel', operator: 'LIKE', value: containsOf(n).toLowerCase() },
          ],
          { offset: 0, limit: 100 },
        ),
    },
    {
      name: 'search bruger tilhoerer=<org> page 11',
      type: 'bruger',
      kind: 'search',
      path: () =>
        `/${SERVICE_PATHS.bruger}?tilhoerer=${ORGANISATION_UUID}&maximalantalresultater=100&foersteresultat=1000`,
      sql: () =>
        searchSql(
          'bruger',
          [{ kind: 'relation', name: 'tilhoerer', operator: '=', value: ORGANISATION_UUID }],
          {
            offset: 1000,
            limit: 100,
          },
        ),
    },
  ];
}

const PREFIXES = ['Skole Viby', 'Jobcenter', 'Vej og Park Tilst', 'Borgerservice', 'Ældrepleje Hasle'];
const WORDS = ['parkering', 'hjemmehjælp', 'byggetilladelse', 'vejbelysning'];
const prefixOf = (n: number) => `${PREFIXES[n % PREFIXES.length]}%`;
const containsOf = (n: number) => `%${WORDS[n % WORDS.length]}%`;

/** Runs an operation through the service, as the controller would for a GET of its path. */
export async function throughService(
  service: LoraObjectService,
  operation: BenchOperation,
  n: number,
): Promise<number> {
  const path = `/lora${operation.path(n)}`;
  const scope = scopeOf(operation.type);
  if (operation.kind === 'read') {
    const uuid = path.split('?')[0].split('/').pop() ?? '';
    await service.read(scope, uuid, path, Date.now());
    return 1;
  }
  const { results } = await service.listOrSearch(scope, path, Date.now());
  return results[0].length;
}

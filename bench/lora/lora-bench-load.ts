import { loraObjectTypeAt, type LoraObjectService, type LoraScope } from '#lora';
import {
  brugerBody,
  klasseBody,
  laterChange,
  organisationenhedBody,
  sagBody,
  TYPE_MIX,
  type BenchTypeName,
} from './lora-bench-objects.js';

/** The tenant the benchmark's objects belong to (the one a caller without authentication writes to). */
export const BENCH_TENANT = '';

/** The loaded objects' uuids per type, in creation order (index `i` has brugervendtnoegle `<TYPE>-<i>`). */
export type LoadedObjects = Record<BenchTypeName, string[]>;

export interface LoadResult {
  objects: LoadedObjects;
  created: number;
  createMs: number;
  updated: number;
  updateMs: number;
}

export function scopeOf(type: BenchTypeName): LoraScope {
  const service = TYPE_MIX.find((entry) => entry.type === type)?.service ?? '';
  const objectType = loraObjectTypeAt(service, type);
  if (!objectType) throw new Error(`No LoRA type ${service}/${type}`);
  return { tenantId: BENCH_TENANT, type: objectType };
}

/** Runs `work(i)` for i in 0..count-1 with `concurrency` in flight. */
async function inParallel(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Creates `total` objects through the service's write path (validation, content, the store's transaction with its
 * search rows and outbox row), `concurrency` writes in flight: klasser, then organisationenheder (a tree), brugere
 * in those units, and sager referring to all three. Then every tenth object gets a later change (a second
 * registration), every fiftieth sag a third.
 */
export async function loadObjects(
  service: LoraObjectService,
  total: number,
  concurrency: number,
  progress: (line: string) => void,
): Promise<LoadResult> {
  const counts = Object.fromEntries(
    TYPE_MIX.map((entry) => [entry.type, Math.max(10, Math.round(total * entry.share))]),
  ) as Record<BenchTypeName, number>;
  const objects: LoadedObjects = { klasse: [], organisationenhed: [], bruger: [], sag: [] };
  const writer = { brugerref: 'bench' };
  const create = async (type: BenchTypeName, index: number, body: Record<string, unknown>) => {
    const outcome = await service.create(scopeOf(type), body, writer);
    objects[type][index] = outcome.uuid;
  };
  const started = performance.now();
  await inParallel(counts.klasse, concurrency, (i) => create('klasse', i, klasseBody(i)));
  progress(`created ${counts.klasse} klasser`);
  // A tree: the first ten units hang under the organisation, each later one under an earlier unit.
  await inParallel(10, concurrency, (i) =>
    create('organisationenhed', i, organisationenhedBody(i, undefined)),
  );
  await inParallel(counts.organisationenhed - 10, concurrency, (n) =>
    create('organisationenhed', n + 10, organisationenhedBody(n + 10, objects.organisationenhed[n % 10])),
  );
  progress(`created ${counts.organisationenhed} organisationenheder`);
  const enhed = (i: number) => objects.organisationenhed[i % counts.organisationenhed];
  await inParallel(counts.bruger, concurrency, (i) => create('bruger', i, brugerBody(i, enhed(i))));
  progress(`created ${counts.bruger} brugere`);
  await inParallel(counts.sag, concurrency, (i) =>
    create(
      'sag',
      i,
      sagBody(i, {
        klasse: objects.klasse[i % counts.klasse],
        enhed: enhed(i),
        bruger: objects.bruger[i % counts.bruger],
      }),
    ),
  );
  const createMs = performance.now() - started;
  const created = Object.values(counts).reduce((sum, count) => sum + count, 0);
  progress(`created ${counts.sag} sager`);

  const changes: Array<[BenchTypeName, number]> = [];
  for (const entry of TYPE_MIX) {
    for (let i = 0; i < counts[entry.type]; i += 10) changes.push([entry.type, i]);
  }
  for (let i = 0; i < counts.sag; i += 50) changes.push(['sag', i]);
  const updateStarted = performance.now();
  await inParallel(changes.length, concurrency, async (n) => {
    const [type, index] = changes[n];
    const body = {
      ...laterChange(type, index),
      ...(n >= changes.length - Math.ceil(counts.sag / 50) ? sagSecondChange(index) : {}),
    };
    await service.update(scopeOf(type), objects[type][index], body, writer);
  });
  progress(`changed ${changes.length} objects`);
  return { objects, created, createMs, updated: changes.length, updateMs: performance.now() - updateStarted };
}

/** The third registration of some sager: the case is closed. */
function sagSecondChange(index: number): Record<string, unknown> {
  return {
    note: 'Afsluttet af benchmark',
    tilstande: {
      sagfremdrift: [
        {
          fremdrift: 'Afsluttet',
          virkning: { from: `2025-06-${String(1 + (index % 28)).padStart(2, '0')}`, to: 'infinity' },
        },
      ],
    },
  };
}

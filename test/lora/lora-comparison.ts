import { readFileSync } from 'node:fs';
import { parseLoraInstant } from '#lora';

/** A fixture from test/fixtures/lora (LoRA's own test payloads, MPL 2.0). */
export function loraFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/lora/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value as LoRA's tests compare registrations: every virkning's ends as instants (so `2014-05-19 12:02:32` and
 * `2014-05-19 12:02:32+02` are equal) with the default bound inclusion filled in, keys sorted, lists sorted.
 */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(comparable).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => {
        const entry = value[key];
        if (key === 'virkning' && isObject(entry)) {
          return [
            key,
            comparable({
              from_included: true,
              to_included: false,
              ...entry,
              from: String(parseLoraInstant(entry.from, 'from')),
              to: String(parseLoraInstant(entry.to, 'to')),
            }),
          ];
        }
        // A part's uploaded file is referred to by its field on the way in and by its content URL on the way out.
        if (key === 'indhold' && typeof entry === 'string' && /^(field|store):/.test(entry))
          return [key, 'uploaded'];
        return [key, comparable(entry)];
      }),
  );
}

/**
 * What a registration says, without what LoRA's comparison ignores (fratidspunkt, tiltidspunkt, brugerref) and
 * without empty relation lists (LoRA drops them on create).
 */
export function registrationContent(registration: Record<string, unknown>): unknown {
  const {
    fratidspunkt: _from,
    tiltidspunkt: _to,
    brugerref: _by,
    livscykluskode: _code,
    note: _note,
    ...content
  } = registration;
  const relationer = isObject(content.relationer)
    ? Object.fromEntries(
        Object.entries(content.relationer).filter(([, items]) => Array.isArray(items) && items.length > 0),
      )
    : undefined;
  return comparable({
    ...content,
    ...(relationer && Object.keys(relationer).length > 0 ? { relationer } : { relationer: undefined }),
  });
}

/**
 * What LoRA 1.3 answers for the typed values its fixtures send (timestamps in PostgreSQL's JSON form in
 * Europe/Copenhagen, intervals in the `sql_standard` style), as its own test expects them: magenta-aps/mox
 * `oio_rest/tests/test_integration_activity.py`, `test_import`.
 */
const LORA_TYPED_ANSWERS: Record<string, Record<string, string>> = {
  starttidspunkt: { '2014-05-19 12:02:32+00:00': '2014-05-19T14:02:32+02:00' },
  sluttidspunkt: { '2016-05-19 14:02:32+00:00': '2016-05-19T16:02:32+02:00' },
  tidsforbrug: { '2 hours': '2:00:00' },
};

/** A create fixture as LoRA reads it back: its typed attribute values in LoRA's answer form. */
export function asLoraAnswers(body: Record<string, unknown>): Record<string, unknown> {
  if (!isObject(body.attributter)) return body;
  const attributter = Object.fromEntries(
    Object.entries(body.attributter).map(([group, items]) => [
      group,
      Array.isArray(items)
        ? items.map((item: unknown) =>
            isObject(item)
              ? Object.fromEntries(
                  Object.entries(item).map(([field, value]) => [
                    field,
                    typeof value === 'string' ? (LORA_TYPED_ANSWERS[field]?.[value] ?? value) : value,
                  ]),
                )
              : item,
          )
        : items,
    ]),
  );
  return { ...body, attributter };
}

/**
 * A small path syntax for picking parts of a response, with no expressions to evaluate: `$` is the whole
 * (`{ status, headers, body }`), `.name` a field, `[2]` an array item, `["odd key"]` a field with any name.
 *
 * @example
 * readResponsePath({ status: 201, headers: {}, body: { items: [{ id: 7 }] } }, '$.body.items[0].id'); // 7
 */
export type PathSegment = string | number;

const SEGMENT = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

/** The segments of `path`, or a message saying where it stops making sense. */
export function parseResponsePath(
  path: string,
): { ok: true; segments: PathSegment[] } | { ok: false; message: string } {
  if (!path.startsWith('$')) return { ok: false, message: "must start with '$'" };
  const segments: PathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match) {
      return {
        ok: false,
        message: `cannot be read from character ${path.length - rest.length + 1}: expected .name, [index] or ["key"]`,
      };
    }
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]!) as string);
    rest = rest.slice(match[0].length);
  }
  return { ok: true, segments };
}

/** The value at `segments`, or `undefined` where the path leads nowhere. Own fields only. */
export function readPath(value: unknown, segments: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      if (!Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

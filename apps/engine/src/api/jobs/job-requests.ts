import {
  bodyObjectOf,
  booleanField,
  invalidRequest,
  kindOf,
  parseCamundaDate,
  wholeNumberField,
} from '#camunda-rest';

/** Camunda's retries are a Java int. */
const MAX_RETRIES = 2_147_483_647;

/** The body of `PUT /job/{id}/retries`: `{ "retries": 3 }`, a whole number of at least 0. */
export function retriesRequestOf(body: unknown): number {
  const retries = wholeNumberField(bodyObjectOf(body).retries, 'retries', 0, MAX_RETRIES);
  if (retries === undefined) throw invalidRequest("Expected 'retries', but it is missing");
  return retries;
}

/**
 * The body of `PUT /job/{id}/duedate`: `{ "duedate": "2026-01-05T08:00:00.000+0100" }`; `null` means "now" (Camunda:
 * the job is executable at once). `cascade: true` (shifting a recurring timer's later due dates too) is refused:
 * a cycle's next due date comes from its definition here.
 */
export function dueDateRequestOf(body: unknown, now: Date): Date {
  const fields = bodyObjectOf(body);
  if (booleanField(fields.cascade, 'cascade') === true) {
    throw invalidRequest(
      "'cascade': true is not supported: a recurring timer's next due date follows its cycle; send cascade false",
    );
  }
  const { duedate } = fields;
  if (duedate === null) return now;
  if (duedate === undefined) throw invalidRequest("Expected 'duedate', but it is missing (null means now)");
  const date = typeof duedate === 'string' ? parseCamundaDate(duedate) : undefined;
  if (!date) {
    throw invalidRequest(
      `Expected 'duedate' to be a date in Camunda's format yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2026-01-05T08:00:00.000+0100, but found ${
        typeof duedate === 'string' ? `'${duedate}'` : kindOf(duedate)
      }`,
    );
  }
  return date;
}

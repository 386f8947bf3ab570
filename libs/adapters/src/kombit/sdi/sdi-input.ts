import type { DocumentReferenceInput, SagIndexInput } from '#lora';
import { PermanentConnectorError } from '../../contract/connector-errors.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PARTY_URN = /^urn:oio:(?:cpr|cvr)-nr:\d+$/;

/** What is wrong with a required or optional field, or undefined when it is fine. Values are never quoted. */
type FieldCheck = readonly [field: string, problem: string | undefined];

function uuidField(field: string, value: string | undefined, optional = false): FieldCheck {
  if (value === undefined) return [field, optional ? undefined : 'is missing (expected a uuid)'];
  return [field, UUID.test(value) ? undefined : 'is not a uuid'];
}

function textField(field: string, value: string | undefined): FieldCheck {
  return [field, typeof value === 'string' && value.trim() !== '' ? undefined : 'is missing or empty'];
}

function refuseProblems(what: string, checks: readonly FieldCheck[]): void {
  const problems = checks.filter(([, problem]) => problem !== undefined);
  if (problems.length === 0) return;
  throw new PermanentConnectorError(
    `${what}: ${problems.map(([field, problem]) => `${field} ${problem}`).join('; ')}`,
    { details: { fields: problems.map(([field]) => field) } },
  );
}

/** Checks a case index entry before SDI sees it: every wrong field named, no value quoted (a CPR stays out). */
export function checkSagIndexInput(input: SagIndexInput): void {
  refuseProblems('The case index entry cannot be sent to Sags- og Dokumentindeks', [
    uuidField('uuid', input.uuid),
    textField('titel', input.titel),
    uuidField('primaerklasse', input.primaerklasse),
    uuidField('handlingsfacet', input.handlingsfacet, true),
    uuidField('ansvarlig', input.ansvarlig),
    uuidField('primaerbehandler', input.primaerbehandler, true),
    [
      'primaerpart',
      UUID.test(input.primaerpart ?? '') || PARTY_URN.test(input.primaerpart ?? '')
        ? undefined
        : 'is not a uuid, urn:oio:cpr-nr:… or urn:oio:cvr-nr:…',
    ],
    [
      'virkningFra',
      Number.isNaN(new Date(input.virkningFra as Date | string).getTime()) ? 'is not a date' : undefined,
    ],
  ]);
}

/** Checks a document reference before SDI sees it. */
export function checkDocumentReference(sagUuid: string, document: DocumentReferenceInput): void {
  refuseProblems('The document reference cannot be sent to Sags- og Dokumentindeks', [
    uuidField('sagUuid', sagUuid),
    uuidField('uuid', document.uuid, true),
    textField('titel', document.titel),
    [
      'virkningFra',
      Number.isNaN(new Date(document.virkningFra as Date | string).getTime()) ? 'is not a date' : undefined,
    ],
  ]);
}

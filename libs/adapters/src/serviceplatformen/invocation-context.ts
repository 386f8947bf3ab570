import { schema, type Infer } from '../schema/schema.js';
import { escapeXml } from '../xml/safe-xml.js';

const uuid = schema.string({
  pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
});

/**
 * Serviceplatformen's InvocationContext, as the tenant configures it: the service agreement the municipality has
 * with the service, its user system and user, the service called, and optionally accounting information and the
 * person on whose behalf the call is made.
 */
export const invocationContextSettings = schema.object({
  serviceAgreementUuid: uuid,
  userSystemUuid: uuid,
  userUuid: uuid,
  serviceUuid: uuid,
  accountingInfo: schema.optional(schema.string({ maxLength: 255 })),
  onBehalfOfUser: schema.optional(schema.string({ maxLength: 255 })),
});

export type InvocationContextSettings = Infer<typeof invocationContextSettings>;

export const INVOCATION_CONTEXT_NAMESPACE = 'http://serviceplatformen.dk/xml/schemas/InvocationContext/1/';

/**
 * The InvocationContext element. `callIdentifier` becomes CallersServiceCallIdentifier: the job's idempotency key,
 * so Serviceplatformen's logs tie every attempt at one job together.
 */
export function invocationContextXml(context: InvocationContextSettings, callIdentifier: string): string {
  const element = (name: string, value: string | undefined): string =>
    value === undefined ? '' : `<invctx:${name}>${escapeXml(value)}</invctx:${name}>`;
  return (
    `<invctx:InvocationContext xmlns:invctx="${INVOCATION_CONTEXT_NAMESPACE}">` +
    element('ServiceAgreementUUID', context.serviceAgreementUuid) +
    element('UserSystemUUID', context.userSystemUuid) +
    element('UserUUID', context.userUuid) +
    element('OnBehalfOfUser', context.onBehalfOfUser) +
    element('ServiceUUID', context.serviceUuid) +
    element('CallersServiceCallIdentifier', callIdentifier) +
    element('AccountingInfo', context.accountingInfo) +
    `</invctx:InvocationContext>`
  );
}

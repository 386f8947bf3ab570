import { defineConnector, type Connector } from '../../contract/connector.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { schema, type Infer } from '../../schema/schema.js';
import {
  clientTlsOf,
  clientTlsSettings,
  httpsEndpoint,
  serviceplatformenSettingsOf,
} from '../../serviceplatformen/serviceplatformen-settings.js';
import {
  ACCESS_TOKEN_SERVICE_PATH,
  ServiceplatformenAccessTokens,
  type AccessTokenRequest,
} from '../../serviceplatformen/serviceplatformen-access-tokens.js';
import {
  httpsXmlTransport,
  type XmlHttpResponse,
  type XmlHttpTransport,
} from '../../soap/https-xml-transport.js';
import { retryableStatus } from '../../soap/soap-call.js';
import { kombiRequestOf } from './memo-message.js';
import { messageUuidOf } from './message-uuid.js';

/** The BPMN error thrown when Digital Post refuses the letter (e.g. an unknown recipient): the model can catch it. */
export const DIGITAL_POST_REJECTED = 'DIGITAL_POST_REJECTED';

/**
 * The message a delivery receipt is correlated as (through the engine's receipt endpoint), with the messageUUID as
 * its correlation key: a receive task or message catch event waiting for it gets `digitalPostReceipt`.
 */
export const DIGITAL_POST_RECEIPT_MESSAGE = 'digital-post-receipt';

export const SF1601_SERVICE = 'Serviceplatformen SF1601 (KombiPostAfsend)';

/** KombiPostAfsend's entity id: the `AppliesTo` of its STS token unless the tenant's settings name another. */
export const SF1601_ENTITY_ID = 'http://entityid.kombit.dk/service/kombipostafsend/1';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const digitalPostInput = schema.object({
  recipient: schema.object({
    idType: schema.enum(['CPR', 'CVR'], { description: 'A citizen (CPR) or a company (CVR).' }),
    id: schema.string({ pattern: /^\d{6}-?\d{4}$|^\d{8}$/, description: 'The CPR or CVR number.' }),
  }),
  label: schema.string({ minLength: 1, maxLength: 150, description: "The letter's title in the inbox." }),
  text: schema.optional(
    schema.string({ minLength: 1, description: 'A plain-text letter (instead of `document`).' }),
  ),
  document: schema.optional(
    schema.object({
      filename: schema.string({ minLength: 1, maxLength: 255 }),
      mimeType: schema.enum(['application/pdf', 'text/plain', 'text/html']),
      contentBase64: schema.string({ minLength: 4, pattern: BASE64 }),
    }),
  ),
  language: schema.optional(schema.string({ pattern: /^[a-z]{2}$/, description: "Default 'da'." })),
  mandatory: schema.optional(
    schema.boolean({ description: 'Obligatorisk post: the recipient cannot opt out.' }),
  ),
  legalNotification: schema.optional(schema.boolean({ description: 'Lovpligtig meddelelse.' })),
});

const digitalPostOutput = schema.object({
  messageUuid: schema.string({
    description:
      "The MeMo messageUUID: the delivery receipt is correlated by it (message 'digital-post-receipt').",
  }),
  transactionId: schema.string({ description: "Serviceplatformen's transaction id for the sending." }),
});

/** A tenant's settings for `connector:digital-post`. */
export const digitalPostSettings = schema.object({
  endpoint: httpsEndpoint,
  sender: schema.object({
    cvr: schema.string({ pattern: /^\d{8}$/, description: "The municipality's CVR number." }),
    label: schema.string({ minLength: 1, description: 'The sender name the recipient sees.' }),
  }),
  tls: clientTlsSettings,
  /**
   * KOMBIT's STS (SF1514: `issueUrl`, `cvr`): with it every call carries a `Holder-of-key` access token for the
   * service; without it the function certificate alone (mutual TLS) authenticates the municipality.
   */
  sts: schema.optional(schema.json({ description: "The STS's issueUrl and the municipality's cvr" })),
  serviceEntityId: schema.optional(
    schema.string({ minLength: 1, description: `The STS token's AppliesTo (default ${SF1601_ENTITY_ID}).` }),
  ),
  accessTokenUrl: schema.optional(
    schema.string({
      pattern: /^https:\/\/[^\s/?#]+[^\s]*$/,
      description: `Serviceplatformen's AccessTokenService (default: ${ACCESS_TOKEN_SERVICE_PATH} on the endpoint's origin).`,
    }),
  ),
});

export type DigitalPostInput = Infer<typeof digitalPostInput>;
export type DigitalPostOutput = Infer<typeof digitalPostOutput>;

export interface DigitalPostConnectorOptions {
  /** How the request travels; node:https with the tenant's certificate by default. */
  transport?: XmlHttpTransport;
  /** Where access tokens come from for tenants with `sts` settings (one cache per connector by default). */
  accessTokens?: ServiceplatformenAccessTokens;
}

/**
 * `connector:digital-post` — sends a letter through Serviceplatformen SF1601 (KombiPostAfsend, MeMo) with the
 * municipality's certificate. The messageUUID is derived from the job, so a retried send is the same message;
 * Digital Post answering that it already has it (409) counts as sent. A tenant with `sts` settings sends an
 * `Authorization: Holder-of-key …` access token too; one the service refuses (401: expired, revoked) is dropped
 * and the letter sent once more with a fresh one.
 */
export function createDigitalPostConnector(
  options: DigitalPostConnectorOptions = {},
): Connector<DigitalPostInput, DigitalPostOutput> {
  const transport = options.transport ?? httpsXmlTransport;
  let accessTokens = options.accessTokens;
  // Made on first use: a deployment whose tenants have no `sts` settings never opens an STS connection pool.
  const tokens = (): ServiceplatformenAccessTokens => (accessTokens ??= new ServiceplatformenAccessTokens());
  return defineConnector({
    id: 'digital-post',
    description:
      "Sends a letter (PDF or text) to a citizen's or company's Digital Post through Serviceplatformen SF1601 KombiPostAfsend (MeMo); the delivery receipt comes back as message 'digital-post-receipt'.",
    input: digitalPostInput,
    output: digitalPostOutput,
    timeoutMs: 30_000,
    async execute(input, context) {
      const config = context.tenant.config;
      const settings = serviceplatformenSettingsOf(config, digitalPostSettings);
      const document = documentOf(input);
      if (
        input.recipient.idType === 'CVR'
          ? !/^\d{8}$/.test(input.recipient.id)
          : /^\d{8}$/.test(input.recipient.id)
      ) {
        throw new PermanentConnectorError(
          `$.recipient.id does not fit $.recipient.idType '${input.recipient.idType}' (CPR: 10 digits, CVR: 8)`,
        );
      }
      const tls = await clientTlsOf(config);
      const messageUuid = messageUuidOf(context.tenant.id, context.idempotencyKey);
      const tokenRequest: AccessTokenRequest | undefined =
        settings.sts === undefined
          ? undefined
          : {
              entityId: settings.serviceEntityId ?? SF1601_ENTITY_ID,
              accessTokenUrl:
                settings.accessTokenUrl ?? `${new URL(settings.endpoint).origin}${ACCESS_TOKEN_SERVICE_PATH}`,
            };
      const body = kombiRequestOf({
        messageUuid,
        label: input.label,
        sender: settings.sender,
        recipient: { idType: input.recipient.idType, id: input.recipient.id.replace('-', '') },
        mandatory: input.mandatory ?? false,
        legalNotification: input.legalNotification ?? false,
        createdAt: context.now(),
        document: { ...document, language: input.language ?? 'da' },
      });
      const send = async (): Promise<XmlHttpResponse> =>
        transport({
          url: settings.endpoint,
          headers: {
            'content-type': 'application/xml; charset=utf-8',
            accept: 'application/xml',
            'x-transaktionsid': messageUuid,
            'x-transaktionstid': context.now().toISOString(),
            ...(tokenRequest ? { authorization: await tokens().authorization(context, tokenRequest) } : {}),
          },
          body,
          tls,
          signal: context.signal,
          service: SF1601_SERVICE,
        });
      let response = await send();
      if (response.status === 401 && tokenRequest) {
        context.log.info('Digital Post refused the access token; sending once more with a fresh one', {
          tenant: context.tenant.id,
          messageUuid,
        });
        await tokens().invalidate(context, tokenRequest);
        response = await send();
      }
      const { status } = response;
      const header = response.headers['x-transaktionsid'];
      const transactionId = typeof header === 'string' && header !== '' ? header : messageUuid;
      if ((status >= 200 && status < 300) || status === 409) {
        context.log.info(
          status === 409 ? 'Digital Post already had the letter' : 'Digital Post took the letter',
          {
            tenant: context.tenant.id,
            messageUuid,
            status,
          },
        );
        return { messageUuid, transactionId };
      }
      if (status === 408 || status === 429 || status >= 500) throw retryableStatus(SF1601_SERVICE, response);
      if (status === 401 || status === 403) {
        throw new PermanentConnectorError(
          `${SF1601_SERVICE} refused the caller (HTTP ${status}): check the tenant's certificate and service agreement` +
            (tokenRequest ? ', and the access token: sts.cvr and serviceEntityId' : ''),
          { details: { status, messageUuid } },
        );
      }
      if (status === 404) {
        throw new PermanentConnectorError(
          `${SF1601_SERVICE} has no service at the configured endpoint (HTTP 404): check the tenant's endpoint`,
          { details: { status, messageUuid } },
        );
      }
      throw new PermanentConnectorError(
        `${SF1601_SERVICE} refused the letter (HTTP ${status}): check the recipient ($.recipient) and the document`,
        { bpmnErrorCode: DIGITAL_POST_REJECTED, details: { status, messageUuid } },
      );
    },
    close: async () => accessTokens?.close(),
  });
}

/** The connector with the real transport, as the engine registers it. */
export const digitalPostConnector = createDigitalPostConnector();

function documentOf(input: DigitalPostInput): { filename: string; mimeType: string; contentBase64: string } {
  if ((input.text === undefined) === (input.document === undefined)) {
    throw new PermanentConnectorError(
      'Give the letter as exactly one of $.text (plain text) or $.document (a PDF or text file as base64)',
    );
  }
  if (input.document) return input.document;
  return {
    filename: 'brev.txt',
    mimeType: 'text/plain',
    contentBase64: Buffer.from(input.text ?? '', 'utf8').toString('base64'),
  };
}

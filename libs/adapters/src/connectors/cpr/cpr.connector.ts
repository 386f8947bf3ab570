import { defineConnector, type Connector } from '../../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { maskSensitiveText } from '../../contract/sensitive-text.js';
import { schema, type Infer } from '../../schema/schema.js';
import {
  invocationContextSettings,
  invocationContextXml,
} from '../../serviceplatformen/invocation-context.js';
import {
  clientTlsOf,
  clientTlsSettings,
  httpsEndpoint,
  serviceplatformenSettingsOf,
} from '../../serviceplatformen/serviceplatformen-settings.js';
import { serviceplatformenErrorsOf } from '../../serviceplatformen/serviceplatformen-fault.js';
import { httpsXmlTransport, type XmlHttpTransport } from '../../soap/https-xml-transport.js';
import { callSoap } from '../../soap/soap-call.js';
import { isSenderFault, type SoapFault } from '../../soap/soap-envelope.js';
import { escapeXml } from '../../xml/safe-xml.js';
import { CPR_FIELDS, describesAPerson, personFields } from './cpr-person.js';

/** The BPMN error thrown when CPR has no person with the number: an error boundary event can catch it. */
export const CPR_NOT_FOUND = 'CPR_NOT_FOUND';

export const SF1520_SERVICE = 'Serviceplatformen SF1520 (CPR PersonBaseDataExtended)';
export const SF1520_NAMESPACE = 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/4/';
export const SF1520_ACTION = `${SF1520_NAMESPACE}PersonLookup`;
const PNR_NAMESPACE = 'http://serviceplatformen.dk/xml/schemas/cpr/PNR/1/';

const cprInput = schema.object({
  cprNumber: schema.string({
    pattern: /^\d{6}-?\d{4}$/,
    description: 'The CPR number to look up (DDMMYYSSSS or DDMMYY-SSSS); map it from a variable.',
  }),
  fields: schema.array(schema.enum(CPR_FIELDS), {
    minItems: 1,
    description: `What to return, e.g. ["name", "address"]: ${CPR_FIELDS.join(', ')}. Nothing else is returned.`,
  }),
});

const cprOutput = schema.object({
  person: schema.record(schema.json(), {
    description:
      'The requested fields of the person, and only those (a field CPR has nothing for is left out).',
  }),
});

/** A tenant's settings for `connector:cpr`. */
export const cprSettings = schema.object({
  endpoint: httpsEndpoint,
  invocationContext: invocationContextSettings,
  tls: clientTlsSettings,
});

export type CprInput = Infer<typeof cprInput>;
export type CprOutput = Infer<typeof cprOutput>;

const NOT_FOUND_TEXT = /not found|ikke fundet|findes ikke|no person|unknown pnr/i;
const NAMES_THE_CPR_NUMBER = /\bPNR\b|\bCPR\b|personnummer/i;
const NAMES_THE_AGREEMENT = /agreement|aftale|InvocationContext|UserSystem|UserUUID|ServiceUUID/i;

export interface CprConnectorOptions {
  /** How the SOAP request travels; node:https with the tenant's certificate by default. */
  transport?: XmlHttpTransport;
}

/**
 * `connector:cpr` — a person lookup in CPR through Serviceplatformen SF1520 (PersonBaseDataExtended, SOAP 1.1),
 * with the municipality's function certificate and its InvocationContext. Only the requested fields come back.
 */
export function createCprConnector(options: CprConnectorOptions = {}): Connector<CprInput, CprOutput> {
  const transport = options.transport ?? httpsXmlTransport;
  return defineConnector({
    id: 'cpr',
    description:
      "Looks a person up in CPR through Serviceplatformen SF1520 (PersonBaseDataExtended) with the municipality's certificate; returns only the requested fields.",
    input: cprInput,
    output: cprOutput,
    timeoutMs: 20_000,
    async execute(input, context) {
      const config = context.tenant.config;
      const settings = serviceplatformenSettingsOf(config, cprSettings);
      const tls = await clientTlsOf(config);
      const body =
        `<pbde:PersonLookupRequest xmlns:pbde="${SF1520_NAMESPACE}">` +
        invocationContextXml(settings.invocationContext, context.idempotencyKey) +
        `<pnr:PNR xmlns:pnr="${PNR_NAMESPACE}">${escapeXml(input.cprNumber.replace('-', ''))}</pnr:PNR>` +
        `</pbde:PersonLookupRequest>`;
      const answer = await callSoap(transport, {
        version: '1.1',
        action: SF1520_ACTION,
        body,
        url: settings.endpoint,
        tls,
        signal: context.signal,
        service: SF1520_SERVICE,
      });
      if (answer.kind === 'fault') throw failureOf(answer.fault);
      if (!describesAPerson(answer.payload)) throw notFound();
      const person = personFields(answer.payload, input.fields);
      context.log.info('CPR lookup answered', {
        tenant: context.tenant.id,
        requested: input.fields.length,
        returned: Object.keys(person).length,
      });
      return { person };
    },
  });
}

/** The connector with the real transport, as the engine registers it. */
export const cprConnector = createCprConnector();

function notFound(): PermanentConnectorError {
  return new PermanentConnectorError('CPR has no person with the CPR number given ($.cprNumber)', {
    bpmnErrorCode: CPR_NOT_FOUND,
  });
}

/** A SOAP Fault from SF1520, classified: not found, a refused request (naming what to fix), or the service's fault. */
function failureOf(fault: SoapFault): Error {
  const errors = serviceplatformenErrorsOf(fault);
  // Fault texts often quote the PNR: masked here, before anything keeps them.
  const reason = maskSensitiveText(fault.reason);
  const texts = maskSensitiveText([fault.reason, ...errors.map((error) => error.text)].join(' '));
  if (NOT_FOUND_TEXT.test(texts)) return notFound();
  const codes = errors.map((error) => error.code).filter((code) => code !== '');
  const details = { faultCode: fault.code, ...(codes.length > 0 ? { errorCodes: codes } : {}) };
  if (!isSenderFault(fault)) {
    return new RetryableConnectorError(`${SF1520_SERVICE} failed: ${reason || fault.code}`);
  }
  const what = NAMES_THE_CPR_NUMBER.test(texts)
    ? 'the CPR number ($.cprNumber)'
    : NAMES_THE_AGREEMENT.test(texts)
      ? "the tenant's invocationContext (service agreement, user system, user, service)"
      : 'the request';
  return new PermanentConnectorError(`${SF1520_SERVICE} refused ${what}: ${reason || texts}`, {
    details,
  });
}

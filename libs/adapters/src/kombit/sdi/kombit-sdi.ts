import { randomUUID } from 'node:crypto';
import type { DocumentReferenceInput, DocumentReferenceResult, SagIndexInput, SagIndexResult } from '#lora';
import { messageUuidOf } from '../../connectors/digital-post/message-uuid.js';
import type { ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { httpsXmlTransport, type XmlHttpTransport } from '../../soap/https-xml-transport.js';
import { StsSoapTokenService } from '../../sts/sts-soap-token-service.js';
import type { StsTokenSource } from '../../sts/sts-token-cache.js';
import type { CanonicalElement } from '../../xml/canonical-xml.js';
import type { XmlNode } from '../../xml/safe-xml.js';
import type { KombitSdiService } from '../kombit-services.js';
import { callKombitSoap, type KombitSoapChannel } from '../kombit-soap-call.js';
import {
  checkStandardRetur,
  dokumentSagerIn,
  sagFoundIn,
  SDI_SERVICE,
  sdiFaultError,
} from './sdi-answers.js';
import { checkDocumentReference, checkSagIndexInput } from './sdi-input.js';
import {
  DEFAULT_SDI_ROLES,
  fremsoegPayload,
  importerDokumentPayload,
  importerSagPayload,
  opdaterSagPayload,
  requestHeaderXml,
  sdiActionOf,
  type SdiOperation,
  type SdiRoles,
} from './sdi-payloads.js';
import { DEFAULT_SDI_ENTITY_ID, kombitSdiSettingsOf } from './sdi-settings.js';

export interface KombitSdiOptions {
  /** Where the holder-of-key assertions come from (default: SF1514's SOAP variant, {@link StsSoapTokenService}). */
  readonly sts?: StsTokenSource;
  /** How requests travel (default: HTTPS with the tenant's function certificate). */
  readonly transport?: XmlHttpTransport;
}

/** One call's endpoint, roles and signing material, read from the tenant's backbone settings. */
interface SdiTarget {
  readonly url: string;
  readonly entityId: string;
  readonly roles: SdiRoles;
}

/**
 * Sags- og Dokumentindeks (SF1470) for the KOMBIT backbone: the case index SAPA shows citizens. Each call is a SOAP
 * 1.1 request over mutual TLS with the tenant's function certificate, carrying the STS's holder-of-key assertion for
 * SDI in a WS-Security header and signed with the certificate's key.
 *
 * - {@link createOrUpdateSagIndex} looks the case up (Fremsoeg by uuid) and sends Opdater when SDI has it, Importer
 *   when not; `created` says which. Repeating it changes nothing further.
 * - {@link journaliseDocumentReference} imports a DokumentIndeks entry related to the case; the document's uuid (or
 *   one derived from the job's idempotency key) makes a retried call find the entry instead of making a second.
 *
 * Failures: a "token expired" fault or an HTTP 401 → a fresh token and one more try; a refused input (a sender
 * fault, StatusKode 40) → `PermanentConnectorError` naming the input field; 5xx, a receiver fault, a network
 * failure → `RetryableConnectorError`. CPR numbers never appear in messages.
 */
export class KombitSdi implements KombitSdiService {
  private readonly channel: KombitSoapChannel;

  constructor(options: KombitSdiOptions = {}) {
    const transport = options.transport ?? httpsXmlTransport;
    this.channel = { transport, sts: options.sts ?? new StsSoapTokenService({ transport }) };
  }

  async createOrUpdateSagIndex(context: ConnectorContext, input: SagIndexInput): Promise<SagIndexResult> {
    checkSagIndexInput(input);
    const target = this.targetOf(context);
    const what = `the case index entry for sag ${input.uuid}`;
    const found = await this.call(context, target, 'fremsoeg', fremsoegPayload('SagUuid', input.uuid), what);
    const exists = found !== undefined && sagFoundIn(found) !== undefined;
    const payload = exists ? opdaterSagPayload(input, target.roles) : importerSagPayload(input, target.roles);
    await this.call(context, target, exists ? 'opdater' : 'importer', payload, what);
    return { uuid: input.uuid.toLowerCase(), sagsnummer: input.sagsnummer ?? input.uuid, created: !exists };
  }

  async journaliseDocumentReference(
    context: ConnectorContext,
    sagUuid: string,
    document: DocumentReferenceInput,
  ): Promise<DocumentReferenceResult> {
    checkDocumentReference(sagUuid, document);
    const target = this.targetOf(context);
    const sag = sagUuid.toLowerCase();
    const dokumentUuid =
      document.uuid?.toLowerCase() ??
      messageUuidOf(context.tenant.id, `${context.idempotencyKey}\u0000sdi-dokument\u0000${sag}`);
    const what = `the document reference ${dokumentUuid} on sag ${sag}`;
    const found = await this.call(
      context,
      target,
      'fremsoeg',
      fremsoegPayload('DokumentUuid', dokumentUuid),
      what,
    );
    const sager = found === undefined ? undefined : dokumentSagerIn(found);
    if (sager?.includes(sag)) return { dokumentUuid, sagUuid: sag, journalised: false };
    if (sager !== undefined) {
      throw new PermanentConnectorError(
        `${SDI_SERVICE} has document ${dokumentUuid} journalised on another case: give the document a uuid of its own`,
      );
    }
    await this.call(
      context,
      target,
      'importer',
      importerDokumentPayload(dokumentUuid, sag, document, target.roles),
      what,
    );
    return { dokumentUuid, sagUuid: sag, journalised: true };
  }

  private targetOf(context: ConnectorContext): SdiTarget {
    const settings = kombitSdiSettingsOf(context);
    return {
      url: settings.url,
      entityId: settings.entityId ?? DEFAULT_SDI_ENTITY_ID,
      roles: { ...DEFAULT_SDI_ROLES, ...settings.roles },
    };
  }

  /**
   * One signed call with the tenant's assertion for SDI (a fresh one once, when SDI says it expired). Answers the
   * payload, or undefined when SDI found nothing (StatusKode 44).
   */
  private async call(
    context: ConnectorContext,
    target: SdiTarget,
    operation: SdiOperation,
    payload: CanonicalElement,
    what: string,
  ): Promise<XmlNode | undefined> {
    const answer = await callKombitSoap(this.channel, context, {
      service: SDI_SERVICE,
      entityId: target.entityId,
      settingsSection: 'sdi',
      url: target.url,
      action: sdiActionOf(operation),
      payload,
      extraHeaders: () => requestHeaderXml(randomUUID()),
    });
    if (answer.kind === 'fault') throw sdiFaultError(answer.fault, what);
    return checkStandardRetur(answer.payload, what) ? answer.payload : undefined;
  }
}

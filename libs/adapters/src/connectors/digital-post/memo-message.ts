/**
 * The KombiPostAfsend request: a `kombi_request` carrying a MeMo message (MeMo 1.1, Digitaliseringsstyrelsen's
 * message format for Digital Post) with its header (messageUUID, label, sender, recipient) and a main document.
 */
import { escapeXml } from '../../xml/safe-xml.js';

export const MEMO_NAMESPACE = 'https://DigitalPost.dk/MeMo-1';

export interface MemoLetter {
  readonly messageUuid: string;
  readonly label: string;
  readonly sender: { readonly cvr: string; readonly label: string };
  readonly recipient: { readonly idType: 'CPR' | 'CVR'; readonly id: string };
  readonly mandatory: boolean;
  readonly legalNotification: boolean;
  readonly createdAt: Date;
  readonly document: {
    readonly filename: string;
    readonly mimeType: string;
    readonly language: string;
    readonly contentBase64: string;
  };
}

function element(name: string, value: string): string {
  return `<memo:${name}>${escapeXml(value)}</memo:${name}>`;
}

/** The body POSTed to KombiPostAfsend: Digital Post as the channel (`KombiValgKode`), and the MeMo message. */
export function kombiRequestOf(letter: MemoLetter): string {
  const { sender, recipient, document } = letter;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<kombi_request><KombiValgKode>Digital Post</KombiValgKode>` +
    `<memo:Message xmlns:memo="${MEMO_NAMESPACE}" memoVersion="1.1" memoSchVersion="1.1.0">` +
    `<memo:MessageHeader>` +
    element('messageType', 'DIGITALPOST') +
    element('messageUUID', letter.messageUuid) +
    element('label', letter.label) +
    element('mandatory', String(letter.mandatory)) +
    element('legalNotification', String(letter.legalNotification)) +
    `<memo:Sender>${element('senderID', sender.cvr)}${element('idType', 'CVR')}${element('label', sender.label)}</memo:Sender>` +
    `<memo:Recipient>${element('recipientID', recipient.id)}${element('idType', recipient.idType)}</memo:Recipient>` +
    `</memo:MessageHeader>` +
    `<memo:MessageBody>` +
    element('createdDateTime', letter.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z')) +
    `<memo:MainDocument><memo:File>` +
    element('encodingFormat', document.mimeType) +
    element('filename', document.filename) +
    element('language', document.language) +
    element('content', document.contentBase64) +
    `</memo:File></memo:MainDocument>` +
    `</memo:MessageBody></memo:Message></kombi_request>`
  );
}

import { randomUUID } from 'node:crypto';

/** A document to journalise: its file name, MIME type and content (base64), as a task hands it over. */
export interface SbsysDocument {
  readonly filename: string;
  readonly mimeType?: string | undefined;
  readonly contentBase64: string;
}

/**
 * The `multipart/form-data` body of SBSYS's `POST /api/dokument/journaliser`: a `json` part with the metadata
 * (`SagID`, `DokumentNavn`) and a `file` part with the bytes.
 */
export function journaliseDocumentBody(
  caseId: number,
  title: string,
  document: SbsysDocument,
): { contentType: string; body: Buffer } {
  const boundary = `kommune-flow-${randomUUID()}`;
  const quoted = (text: string): string => text.replace(/["\r\n\\]/g, '_');
  const metadata = JSON.stringify({ SagID: caseId, DokumentNavn: title });
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="json"\r\ncontent-type: application/json\r\n\r\n${metadata}\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${quoted(document.filename)}"\r\n` +
        `content-type: ${document.mimeType ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.from(document.contentBase64, 'base64'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

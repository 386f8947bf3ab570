import { randomUUID } from 'node:crypto';
import { LoraRequestError } from '../api/lora-request.error.js';
import type { LoraContent } from './lora-content.js';

/** A file part of a multipart request, as multer hands it over. */
export interface UploadedFilePart {
  fieldname: string;
  mimetype: string;
  buffer: Buffer;
}

/** A part's file content to store with the registration, under its content path. */
export interface DocumentUpload {
  path: string;
  mimetype: string | null;
  bytes: Buffer;
}

/** LoRA's content paths: `YYYY/MM/DD/HH/MM/<uuid>.bin` (UTC), referred to as `store:<path>`. */
export const CONTENT_PATH =
  /^\d{4}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\.bin$/;

function contentPathAt(now: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${now.getUTCFullYear()}/${two(now.getUTCMonth() + 1)}/${two(now.getUTCDate())}/${two(now.getUTCHours())}/${two(now.getUTCMinutes())}/${randomUUID()}.bin`;
}

type Part = { egenskaber?: Array<Record<string, unknown>> };
type Variant = { dele?: Part[] };

/**
 * Replaces every Dokument part's `indhold: "field:<name>"` with the `store:` URL of the file part `<name>` (as
 * LoRA's content store does) and returns the files to store. A reference to a file part the request lacks is a
 * 400 naming the path; other `indhold` values (URLs, `store:` URLs of content stored before) stay as they are.
 */
export function withUploadedContents(
  content: LoraContent,
  files: readonly UploadedFilePart[],
  now: Date,
): { content: LoraContent; uploads: DocumentUpload[] } {
  if (content.varianter === undefined) return { content, uploads: [] };
  const uploads: DocumentUpload[] = [];
  const varianter = (content.varianter as Variant[]).map((variant, v) => ({
    ...variant,
    ...(variant.dele
      ? {
          dele: variant.dele.map((part, d) => ({
            ...part,
            ...(part.egenskaber
              ? {
                  egenskaber: part.egenskaber.map((egenskab, e) => {
                    const indhold = egenskab.indhold;
                    if (typeof indhold !== 'string' || !indhold.startsWith('field:')) return egenskab;
                    const name = indhold.slice('field:'.length);
                    const file = files.find((candidate) => candidate.fieldname === name);
                    if (!file) {
                      throw new LoraRequestError(
                        `varianter[${v}].dele[${d}].egenskaber[${e}].indhold: refers to the file part '${name}', which the request does not have; send the document as multipart/form-data with a 'json' part and a file part named '${name}'`,
                      );
                    }
                    const path = contentPathAt(now);
                    uploads.push({
                      path,
                      mimetype:
                        typeof egenskab.mimetype === 'string' ? egenskab.mimetype : file.mimetype || null,
                      bytes: file.buffer,
                    });
                    return { ...egenskab, indhold: `store:${path}` };
                  }),
                }
              : {}),
          })),
        }
      : {}),
  }));
  return { content: { ...content, varianter }, uploads };
}

/** Content types by file extension, as Camunda's REST API answers a resource's data; anything else is bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  bpmn: 'application/xml',
  dmn: 'application/xml',
  cmmn: 'application/xml',
  xml: 'application/xml',
  form: 'application/json',
  json: 'application/json',
  txt: 'text/plain',
  png: 'image/png',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
};

/** The content type of a deployment resource by its name (`aktindsigt.bpmn` → `application/xml`). */
export function contentTypeOfResource(name: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

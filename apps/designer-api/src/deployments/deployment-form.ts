import { checkedTenantId, invalidRequest, NO_TENANT } from '#camunda-rest';
import type { DeploymentRequest } from './deployment.service.js';

/** A file part of the multipart request, as multer hands it over. */
export interface UploadedPart {
  fieldname: string;
  originalname: string;
  buffer: Buffer;
}

/** The text parts of Camunda's `POST /deployment/create`; every other part is a resource and needs a filename. */
const TEXT_PARTS = [
  'deployment-name',
  'deployment-source',
  'enable-duplicate-filtering',
  'deploy-changed-only',
  'tenant-id',
] as const;

/**
 * Reads the multipart form of `POST /deployment/create` as Camunda Modeler sends it: text parts for the name,
 * source, duplicate filtering and tenant, and any number of file parts, each resource named by its filename.
 * Anything else is a 400 naming the part.
 */
export function deploymentRequestOf(
  fields: Record<string, unknown>,
  files: UploadedPart[],
): DeploymentRequest {
  for (const name of Object.keys(fields)) {
    if (name === 'deployment-activation-time') {
      throw invalidRequest(
        "Form part 'deployment-activation-time' is not supported yet: leave it out to activate the definitions at once",
      );
    }
    if (!(TEXT_PARTS as readonly string[]).includes(name)) {
      throw invalidRequest(
        `Form part '${name}' has no filename, so it cannot name a deployment resource. Send each resource as a file ` +
          `part with its filename (Content-Disposition: form-data; name="${name}"; filename="${name}.bpmn"); ` +
          `the text parts are ${TEXT_PARTS.join(', ')}`,
      );
    }
  }
  const text = (name: (typeof TEXT_PARTS)[number]): string | undefined => {
    const value = fields[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string')
      throw invalidRequest(`Form part '${name}' was sent more than once; send it once`);
    return value;
  };
  const flag = (name: 'enable-duplicate-filtering' | 'deploy-changed-only'): boolean => {
    const value = text(name);
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    throw invalidRequest(`Form part '${name}' must be true or false, but is '${value.slice(0, 40)}'`);
  };
  const tenant = text('tenant-id');
  const name = text('deployment-name');
  const source = text('deployment-source');
  // As Camunda's REST API: deploy-changed-only implies duplicate filtering (the Modeler's deploy button sends it).
  const deployChangedOnly = flag('deploy-changed-only');
  const duplicateFiltering = flag('enable-duplicate-filtering') || deployChangedOnly;
  return {
    tenantId: tenant === undefined || tenant === '' ? NO_TENANT : checkedTenantId(tenant, 'tenant-id'),
    ...(name !== undefined ? { name } : {}),
    ...(source !== undefined ? { source } : {}),
    duplicateFiltering,
    deployChangedOnly,
    files: resourcesOf(files),
  };
}

function resourcesOf(files: UploadedPart[]): DeploymentRequest['files'] {
  if (files.length === 0) {
    throw invalidRequest(
      'A deployment needs at least one resource: send each model as a file part with its filename, e.g. curl -F "invoice.bpmn=@invoice.bpmn"',
    );
  }
  const seen = new Set<string>();
  return files.map((file) => {
    const name = file.originalname.trim();
    if (name === '') {
      throw invalidRequest(
        `Form part '${file.fieldname}' has an empty filename; the filename names the resource`,
      );
    }
    if (seen.has(name)) {
      throw invalidRequest(
        `Two form parts carry a resource named '${name}'; each resource needs its own filename`,
      );
    }
    seen.add(name);
    return { name, content: file.buffer };
  });
}

import { describe, expect, it } from '@jest/globals';
import { deploymentRequestOf, type UploadedPart } from './deployment-form.js';

const file = (name: string, fieldname = name): UploadedPart => ({
  fieldname,
  originalname: name,
  buffer: Buffer.from(`<${name}/>`),
});

describe('deploymentRequestOf: the multipart form of POST /deployment/create', () => {
  it('reads what Camunda Modeler sends: name, source, deploy-changed-only, tenant and the model named by its filename', () => {
    expect(
      deploymentRequestOf(
        {
          'deployment-name': 'aktindsigt',
          'deployment-source': 'Camunda Modeler',
          'deploy-changed-only': 'true',
          'tenant-id': 'aarhus',
        },
        [file('aktindsigt.bpmn'), file('decision.dmn', 'data')],
      ),
    ).toEqual({
      tenantId: 'aarhus',
      name: 'aktindsigt',
      source: 'Camunda Modeler',
      duplicateFiltering: true,
      deployChangedOnly: true,
      files: [
        { name: 'aktindsigt.bpmn', content: Buffer.from('<aktindsigt.bpmn/>') },
        { name: 'decision.dmn', content: Buffer.from('<decision.dmn/>') },
      ],
    });
  });

  it('deploys without a tenant and without filtering when the form says nothing', () => {
    expect(deploymentRequestOf({}, [file('a.bpmn')])).toEqual({
      tenantId: '',
      duplicateFiltering: false,
      deployChangedOnly: false,
      files: [{ name: 'a.bpmn', content: Buffer.from('<a.bpmn/>') }],
    });
    expect(
      deploymentRequestOf({ 'enable-duplicate-filtering': 'true' }, [file('a.bpmn')]).duplicateFiltering,
    ).toBe(true);
  });

  it.each([
    [{ data: '<xml/>' }, [file('a.bpmn')], "Form part 'data' has no filename"],
    [{}, [], 'A deployment needs at least one resource'],
    [
      { 'deploy-changed-only': 'yes' },
      [file('a.bpmn')],
      "Form part 'deploy-changed-only' must be true or false, but is 'yes'",
    ],
    [
      { 'deployment-name': ['a', 'b'] },
      [file('a.bpmn')],
      "Form part 'deployment-name' was sent more than once",
    ],
    [{ 'tenant-id': 'aar hus' }, [file('a.bpmn')], "Cannot use 'tenant-id' value 'aar hus' as a tenant id"],
    [
      { 'deployment-activation-time': '2026-01-01T00:00:00.000+0100' },
      [file('a.bpmn')],
      "'deployment-activation-time' is not supported yet",
    ],
    [{}, [file('a.bpmn', 'one'), file('a.bpmn', 'two')], "Two form parts carry a resource named 'a.bpmn'"],
  ])('refuses %j with a 400 naming the part', (fields, files, message) => {
    let refusal: unknown;
    try {
      deploymentRequestOf(fields as Record<string, unknown>, files as UploadedPart[]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ status: 400, type: 'InvalidRequestException' });
    expect((refusal as Error).message).toContain(message);
  });
});

import { describe, expect, it } from '@jest/globals';
import { kindOfXml, screenResource } from './resource-screening.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const screen = (name: string, text: string | Buffer) =>
  screenResource({ name, content: Buffer.isBuffer(text) ? text : Buffer.from(text) }, 1024);

describe('screenResource: what is refused before any parser reads it', () => {
  it('passes BPMN and DMN definitions, after a prolog, and Camunda Forms', () => {
    expect(
      screen(
        'a.bpmn',
        `\uFEFF<?xml version="1.0"?>\n<!-- drawn --><bpmn2:definitions xmlns:bpmn2="${BPMN}" id="d"/>`,
      ),
    ).toMatchObject({ ok: true, kind: 'bpmn' });
    expect(
      screen(
        'd.dmn',
        '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="x"></definitions>',
      ),
    ).toMatchObject({ ok: true, kind: 'dmn' });
    expect(screen('f.form', '{"components":[]}')).toMatchObject({ ok: true, kind: 'form' });
  });

  it.each([
    ['a.bpmn', `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x "y">]><d/>`, 'xml-doctype', '<!DOCTYPE'],
    [
      'a.bpmn',
      `<bpmn:definitions xmlns:bpmn="${BPMN}"><!ENTITY x SYSTEM "file:///etc/passwd"></bpmn:definitions>`,
      'xml-doctype',
      '<!ENTITY',
    ],
    ['a.bpmn', '<html xmlns="http://www.w3.org/1999/xhtml"/>', 'not-a-model', 'found <html>'],
    [
      'a.bpmn',
      '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"/>',
      'not-a-model',
      'in namespace https://www.omg.org/spec/DMN',
    ],
    ['a.dmn', `<bpmn:definitions xmlns:bpmn="${BPMN}"/>`, 'not-a-model', "DMN's <definitions>"],
    ['a.bpmn', 'just text', 'not-a-model', 'it is not XML'],
    ['notes.txt', 'hello', 'unsupported-resource', "'notes.txt' is none of them"],
    ['f.form', '[1]', 'not-a-model', 'a JSON object'],
    ['a.bpmn', Buffer.from([0xff, 0xfe, 0x3c, 0x00]), 'xml-encoding', 'UTF-8'],
  ])('refuses %s (%j) with %s', (name, text, rule, message) => {
    const screened = screen(name, text);
    expect(screened.ok).toBe(false);
    if (screened.ok) return;
    expect(screened.findings).toEqual([expect.objectContaining({ severity: 'error', rule })]);
    expect(screened.findings[0].message).toContain(message);
    expect(screened.findings[0].message).toContain(name);
  });

  it('gives the line and column of a DOCTYPE', () => {
    const screened = screen('a.bpmn', '<?xml version="1.0"?>\n  <!DOCTYPE x>');
    expect(screened).toMatchObject({ ok: false, findings: [{ line: 2, column: 3 }] });
  });

  it('refuses a resource over the limit before reading it', () => {
    expect(() => screen('big.bpmn', 'x'.repeat(1025))).toThrow(
      "Resource 'big.bpmn' is larger than 1024 bytes",
    );
  });

  it('tells a model sent without a name by its root element', () => {
    expect(kindOfXml(`<bpmn:definitions xmlns:bpmn="${BPMN}"/>`)).toBe('bpmn');
    expect(kindOfXml('<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd"/>')).toBe('dmn');
    expect(kindOfXml('<x/>')).toBeUndefined();
  });
});

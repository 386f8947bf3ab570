import { describe, expect, it } from '@jest/globals';
import { canonicalXml, xmlElement } from './canonical-xml.js';
import { elementSourceById, elementSourceOf } from './element-source.js';

describe('canonical XML (exc-c14n written directly)', () => {
  it('declares namespaces where they change, sorts attributes, writes end tags and escapes as c14n does', () => {
    const xml = canonicalXml(
      xmlElement(
        'urn:a',
        'Root',
        [
          xmlElement('urn:a', 'Same', ['a & b < c > "d" \'e\'\r']),
          xmlElement('urn:b', 'Other', [xmlElement('urn:b', 'Inner')]),
          xmlElement(
            'urn:a',
            'Back',
            [],
            [
              { name: 'z', value: '1"\n' },
              { name: 'a', value: '<&' },
            ],
          ),
        ],
        [
          { prefix: 'wsu', namespace: 'urn:u', name: 'Id', value: 'root' },
          { name: 'plain', value: 'x' },
        ],
      ),
    );
    expect(xml).toBe(
      '<Root xmlns="urn:a" xmlns:wsu="urn:u" plain="x" wsu:Id="root">' +
        '<Same>a &amp; b &lt; c &gt; "d" \'e\'&#xD;</Same>' +
        '<Other xmlns="urn:b"><Inner></Inner></Other>' +
        '<Back a="&lt;&amp;" z="1&quot;&#xA;"></Back></Root>',
    );
  });

  it('finds an element by local name or by Id, nested elements of the same name included', () => {
    const xml =
      '<x:R xmlns:x="urn:x"><x:A Id="one"><x:A>in</x:A></x:A><y:A xmlns:y="urn:y" wsu:Id="two"/></x:R>';
    expect(elementSourceOf(xml, 'A')).toBe('<x:A Id="one"><x:A>in</x:A></x:A>');
    expect(elementSourceById(xml, 'two')).toBe('<y:A xmlns:y="urn:y" wsu:Id="two"/>');
    expect(elementSourceById(xml, 'three')).toBeUndefined();
  });
});

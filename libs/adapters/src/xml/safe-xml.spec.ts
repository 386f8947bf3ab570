import { describe, expect, it } from '@jest/globals';
import { childElements, childText, escapeXml, parseXmlSafely, UnreadableXmlError } from './safe-xml.js';

describe('parseXmlSafely', () => {
  it('reads elements by local name, keeps values as text and decodes the predefined entities', () => {
    const document = parseXmlSafely(
      '<?xml version="1.0"?><a:r xmlns:a="urn:x"><a:pnr>0101901234</a:pnr><a:n>1</a:n><a:n>2</a:n><a:t>Æ &amp; &#229; &#xE6; &lt;b&gt;</a:t><a:e/></a:r>',
      'the answer',
    );
    const root = document['r'];
    expect(childText(root, 'pnr')).toBe('0101901234');
    expect(childText(root, 't')).toBe('Æ & å æ <b>');
    expect(childText(root, 'e')).toBe('');
    expect(childText(root, 'missing')).toBeUndefined();
    expect(childElements({ x: [{ a: '1' }, { a: '2' }] }, 'x').map((node) => node['a'])).toEqual(['1', '2']);
  });

  it.each([
    ['an external entity (XXE)', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
    ['entity expansion', '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><r>&b;</r>'],
    ['a plain DOCTYPE', '<!doctype r><r/>'],
  ])('refuses %s without expanding anything', (_what, xml) => {
    expect(() => parseXmlSafely(xml, 'the answer')).toThrow(
      new UnreadableXmlError('the answer has a DOCTYPE or ENTITY declaration, which is refused'),
    );
  });

  it('refuses malformed XML and text that is no XML, without quoting it', () => {
    expect(() => parseXmlSafely('<r><pnr>0101901234</r>', 'the answer')).toThrow(
      /not well-formed XML \(line 1/,
    );
    expect(() => parseXmlSafely('<r><pnr>0101901234</r>', 'the answer')).not.toThrow(/0101901234/);
    expect(() => parseXmlSafely('Service Unavailable', 'the answer')).toThrow(UnreadableXmlError);
  });

  it('escapes text for content and attributes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

/**
 * Finding an element's exact source text in an XML document — for a token that must be passed on byte for byte
 * (a signed SAML assertion) or a signed part whose digest is checked. The document must already have been read by
 * `parseXmlSafely` (well-formed, no DOCTYPE); this only locates text in it.
 */

const START_TAG = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?=[\s/>])/g;

/** The outer XML of the first element whose local name is `localName` and whose start tag matches `startTag`. */
export function elementSourceOf(
  xml: string,
  localName: string,
  startTag: (tag: string) => boolean = () => true,
): string | undefined {
  START_TAG.lastIndex = 0;
  for (let match = START_TAG.exec(xml); match; match = START_TAG.exec(xml)) {
    if (match[2] !== localName) continue;
    const tagEnd = xml.indexOf('>', match.index);
    if (tagEnd < 0) return undefined;
    const tag = xml.slice(match.index, tagEnd + 1);
    if (!startTag(tag)) continue;
    return outerXmlFrom(xml, match.index, `${match[1] ?? ''}${match[2]}`, tag);
  }
  return undefined;
}

/** The outer XML of the first element carrying `Id="id"` (in any namespace: `wsu:Id`, `ID`, `Id`). */
export function elementSourceById(xml: string, id: string): string | undefined {
  const attribute = new RegExp(`\\s(?:[\\w.-]+:)?(?:Id|ID)="${id.replace(/[^\w.-]/g, '\\$&')}"`);
  START_TAG.lastIndex = 0;
  for (let match = START_TAG.exec(xml); match; match = START_TAG.exec(xml)) {
    const tagEnd = xml.indexOf('>', match.index);
    if (tagEnd < 0) return undefined;
    const tag = xml.slice(match.index, tagEnd + 1);
    if (attribute.test(tag)) return outerXmlFrom(xml, match.index, `${match[1] ?? ''}${match[2]}`, tag);
  }
  return undefined;
}

function outerXmlFrom(xml: string, start: number, qualifiedName: string, tag: string): string | undefined {
  if (tag.endsWith('/>')) return tag;
  const name = qualifiedName.replace(/[.]/g, '\\.');
  const tags = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*?(/?)>`, 'g');
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(xml); match; match = tags.exec(xml)) {
    if (match[1] === '/') depth -= 1;
    else if (match[2] !== '/') depth += 1;
    if (depth === 0) return xml.slice(start, match.index + match[0].length);
  }
  return undefined;
}

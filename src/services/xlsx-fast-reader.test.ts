import { describe, expect, it } from 'vitest';
import { SharedStrings } from './xlsx-fast-reader.js';

const sst = (items: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">${items}</sst>`,
  );

describe('SharedStrings: the shared-strings table held as bytes', () => {
  const cases: [string, string, (string | null)[]][] = [
    [
      'plain text, CJK and ASCII',
      '<si><t>王小明</t></si><si><t>110101199003071234</t></si>',
      ['王小明', '110101199003071234'],
    ],
    ['xml:space="preserve" keeps the spaces', '<si><t xml:space="preserve"> 前后 </t></si>', [' 前后 ']],
    [
      'entities are decoded',
      '<si><t>A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos; &#20013;&#x6587;</t></si>',
      ['A&B <c> "d" \'e\' 中文'],
    ],
    ['rich text runs are joined', '<si><r><t>岩</t></r><r><rPr><b/></rPr><t>温</t></r></si>', ['岩温']],
    [
      'phonetic runs are left out',
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
      ['東京'],
    ],
    ['empty items keep their place', '<si/><si><t/></si><si><t></t></si><si><t>x</t></si>', ['', '', '', 'x']],
    ['a text with markup after it is not taken as it stands', '<si><t>a</t><t>b</t></si>', ['ab']],
    ['an index past the end is null', '<si><t>only</t></si>', ['only', null]],
  ];
  for (const [name, items, want] of cases) {
    it(name, () => {
      const s = SharedStrings.parse(sst(items));
      expect(want.map((_, i) => s.at(i))).toEqual(want);
      expect(s.length).toBe(want.filter((w) => w !== null).length);
    });
  }

  it('grows past its first allocation and reads every item back', () => {
    const n = 5000;
    const items = Array.from({ length: n }, (_, i) => `<si><t>第${i}行&amp;</t></si>`).join('');
    const s = SharedStrings.parse(sst(items));
    expect(s.length).toBe(n);
    for (const i of [0, 1, 1023, 1024, 2047, 2048, n - 1]) expect(s.at(i)).toBe(`第${i}行&`);
    expect(s.at(-1)).toBeNull();
    expect(s.at(n)).toBeNull();
  });
});

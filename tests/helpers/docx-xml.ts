// Structural checks of a generated DOCX package, shared by every document test: each XML part is
// well-formed (fast-xml-parser's validator), every paragraph has at most one w:pStyle, every table
// marks its first row as a repeated header row, the document language is de-DE and the heading
// styles carry outline levels (so a PDF made from the file has bookmarks).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type Node = Record<string, unknown>;

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@', processEntities: false });

function children(n: Node): Node[] {
  for (const [k, v] of Object.entries(n)) if (k !== ':@' && Array.isArray(v)) return v as Node[];
  return [];
}
function nameOf(n: Node): string {
  return Object.keys(n).find((k) => k !== ':@') ?? '';
}
function attrOf(n: Node, a: string): string | undefined {
  const at = n[':@'] as Record<string, string> | undefined;
  return at?.[`@${a}`];
}
function* walk(nodes: Node[]): Generator<Node> {
  for (const n of nodes) {
    yield n;
    yield* walk(children(n));
  }
}

export interface DocxXmlReport {
  problems: string[];
  paragraphs: number;
  tables: number;
  /** styleId → outline level of the heading styles found. */
  outlineLevels: Record<string, number>;
}

/** Checks the package; `problems` lists every violation found. */
export function checkDocxXml(zip: Map<string, Buffer>): DocxXmlReport {
  const problems: string[] = [];
  let paragraphs = 0;
  let tables = 0;
  const outlineLevels: Record<string, number> = {};
  for (const [name, data] of zip) {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
    const xml = data.toString('utf8');
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      problems.push(`${name}: not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
      continue;
    }
    if (!/^word\/(document|header\d*|footer\d*|styles)\.xml$/u.test(name)) continue;
    const tree = parser.parse(xml) as Node[];
    for (const n of walk(tree)) {
      const tag = nameOf(n);
      if (tag === 'w:pPr') {
        const styles = children(n).filter((c) => nameOf(c) === 'w:pStyle').length;
        if (styles > 1) problems.push(`${name}: a paragraph with ${styles} w:pStyle`);
      } else if (tag === 'w:p') {
        paragraphs++;
      } else if (tag === 'w:tbl' && name === 'word/document.xml') {
        tables++;
        const first = children(n).find((c) => nameOf(c) === 'w:tr');
        const trPr = first && children(first).find((c) => nameOf(c) === 'w:trPr');
        // Key-value tables (a Kopf, a Steckbrief) have no header row: their first column holds the labels.
        if ((!trPr || !children(trPr).some((c) => nameOf(c) === 'w:tblHeader')) && !isKeyValue(n)) {
          problems.push(`${name}: table ${tables} without a repeated header row`);
        }
      } else if (tag === 'w:style' && name === 'word/styles.xml') {
        const id = attrOf(n, 'w:styleId') ?? '';
        if (/^Heading\d$/u.test(id)) {
          const pPr = children(n).find((c) => nameOf(c) === 'w:pPr');
          const lvl = pPr && children(pPr).find((c) => nameOf(c) === 'w:outlineLvl');
          if (!lvl) problems.push(`styles.xml: heading style ${id} without w:outlineLvl`);
          else outlineLevels[id] = Number(attrOf(lvl, 'w:val'));
        }
      }
    }
    if (name === 'word/styles.xml' && !xml.includes('<w:lang w:val="de-DE"/>')) problems.push('styles.xml: document language is not de-DE');
  }
  return { problems, paragraphs, tables, outlineLevels };
}

/** A two-column label/value table: every row's first cell is shaded as a label. */
function isKeyValue(tbl: Node): boolean {
  const grid = children(tbl).find((c) => nameOf(c) === 'w:tblGrid');
  return grid !== undefined && children(grid).length === 2 && JSON.stringify(tbl).includes('"EEF1F5"');
}

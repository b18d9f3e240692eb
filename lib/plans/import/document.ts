// The Markdown structure the extractors need, line by line: fenced code (opaque), headings, sections, labelled
// blocks, list items and tables. Line numbers are 1-based, as an editor shows them.

export interface LineRange {
  fromLine: number;
  toLine: number;
}

export interface CodeBlock extends LineRange {
  /** The info string's first word, lower-case ("bash", "yaml", "" when none). */
  lang: string;
  /** The lines between the fences, with their numbers. */
  body: { n: number; text: string }[];
  /** Data carried inside a shell block (a heredoc, a quoted request body), not a fenced block of its own. */
  embedded?: boolean;
}

export interface Section extends LineRange {
  heading: string;
  level: number;
  /** The heading's own line. */
  line: number;
  /** The lines up to the next heading of any level. */
  bodyFrom: number;
  bodyTo: number;
  parent: Section | null;
  children: Section[];
}

export interface MarkdownDoc {
  /** lines[n - 1] is line n. */
  lines: string[];
  /** True for every line inside a fence, fences included. */
  inCode: boolean[];
  codeBlocks: CodeBlock[];
  /** Every heading's section, in document order. */
  sections: Section[];
  /** The whole document (level 0); its body is what comes before the first heading. */
  root: Section;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
/** A fence indented under a list item ("1. Apply it:" then "    ```bash"): part of the item, still a fenced block. */
const LIST_FENCE = /^( {4,12})(`{3,}|~{3,})\s*([^`\s]*)/;
const LIST_ITEM_START = /^\s*(?:[-*+]|\d{1,3}[.)])\s+\S/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

// Hugo's code shortcode ("{{< text bash >}}" ... "{{< /text >}}", as the Istio docs write commands) is a fence too.
const SHORTCODE = "{{<text";
const SHORTCODE_OPEN = /^ {0,3}\{\{<\s*text\s+(?:syntax=)?["']?([\w+-]*)["']?[^>]*>\}\}\s*$/;
const SHORTCODE_CLOSE = /^ {0,3}\{\{<\s*\/text\s*>\}\}\s*$/;
function shortcodeFence(text: string): [string, string, string] | null {
  const m = text.match(SHORTCODE_OPEN);
  return m ? [text, SHORTCODE, m[1]] : null;
}

export function parseMarkdown(lines: string[]): MarkdownDoc {
  const inCode: boolean[] = new Array(lines.length + 1).fill(false);
  const codeBlocks: CodeBlock[] = [];
  const headings: { n: number; level: number; text: string }[] = [];
  let open: { marker: string; block: CodeBlock; indent: number } | null = null;
  // Whether the lines above belong to a list item (so an indented fence is the item's code, not indented code).
  let inList = false;
  const frontTo = frontMatterEnd(lines);

  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const text = lines[i];
    if (open) {
      inCode[n] = true;
      const close = open.marker === SHORTCODE ? (SHORTCODE_CLOSE.test(text) ? [text, SHORTCODE] : null) : text.match(new RegExp(`^ {0,${open.indent + 3}}(\`{3,}|~{3,})\\s*$`));
      if (close && close[1][0] === open.marker[0] && close[1].length >= open.marker.length) {
        open.block.toLine = n;
        open = null;
      } else {
        // A list item's code loses the item's indentation, as the item's text does.
        const lead = text.match(/^ */)![0].length;
        open.block.body.push({ n, text: open.indent > 0 ? text.slice(Math.min(lead, open.indent)) : text });
      }
      continue;
    }
    const listed = inList ? text.match(LIST_FENCE) : null;
    const fence = text.match(FENCE) ?? shortcodeFence(text) ?? (listed ? [listed[0], listed[2], listed[3]] : null);
    if (fence) {
      inCode[n] = true;
      const block: CodeBlock = { lang: fence[2].toLowerCase(), fromLine: n, toLine: n, body: [] };
      codeBlocks.push(block);
      open = { marker: fence[1], block, indent: listed && !text.match(FENCE) ? listed[1].length : 0 };
      continue;
    }
    if (LIST_ITEM_START.test(text)) inList = true;
    else if (text.trim() !== "" && !/^\s/.test(text)) inList = false;
    // "# content_template: x" between front matter's "---" lines is a YAML comment, not a heading.
    if (n <= frontTo) continue;
    const h = text.match(HEADING);
    if (h && h[2].length > 0) headings.push({ n, level: h[1].length, text: cleanInline(h[2]) });
    else if (!h && isSetextUnderline(lines, i, inCode, frontTo, headings)) headings.push({ n: n - 1, level: text.trim()[0] === "=" ? 1 : 2, text: cleanInline(lines[i - 1]) });
  }
  // An unclosed fence runs to the end of the document, as CommonMark says.
  if (open) open.block.toLine = lines.length;
  // A document with no heading under its title: its sections may be written as lines of their own.
  if (headings.every((h) => h.level === 1) && headings.length <= 1) {
    const plain = plainSectionLines(lines, inCode, frontTo);
    const found = plain.length >= 2 ? plain : boldSectionLines(lines, inCode, frontTo);
    headings.push(...found.filter((f) => !headings.some((h) => h.n === f.n)));
    headings.sort((a, b) => a.n - b.n);
  }

  const root: Section = {
    heading: "",
    level: 0,
    line: 0,
    fromLine: 1,
    toLine: lines.length,
    bodyFrom: 1,
    bodyTo: (headings[0]?.n ?? lines.length + 1) - 1,
    parent: null,
    children: [],
  };
  const sections: Section[] = [];
  const stack: Section[] = [root];
  headings.forEach((h, k) => {
    while (stack.length > 1 && stack[stack.length - 1].level >= h.level) {
      stack.pop()!.toLine = h.n - 1;
    }
    const parent = stack[stack.length - 1];
    const section: Section = {
      heading: headingText(h.text),
      level: h.level,
      line: h.n,
      fromLine: h.n,
      toLine: lines.length,
      bodyFrom: h.n + 1,
      bodyTo: (headings[k + 1]?.n ?? lines.length + 1) - 1,
      parent,
      children: [],
    };
    parent.children.push(section);
    sections.push(section);
    stack.push(section);
  });
  return { lines, inCode, codeBlocks, sections, root };
}

const SETEXT = /^ {0,3}(?:={3,}|-{3,})\s*$/;
/**
 * "Release steps" over a line of "=====" (level 1) or "-----" (level 2): a setext heading, as READMEs and release
 * notes written for plain-text readers have them. Only a one-line paragraph (a blank line, the start or front
 * matter above it) that is not a list item, table row, quote, indented code or heading, outside code.
 */
function isSetextUnderline(lines: string[], i: number, inCode: boolean[], frontTo: number, headings: { n: number }[]): boolean {
  // lines[i] is line i + 1; the text above it is line i (inCode is indexed by line number).
  if (i < 1 || !SETEXT.test(lines[i]) || inCode[i] || i <= frontTo) return false;
  const text = lines[i - 1];
  if (text.trim() === "" || /^ {4}/.test(text) || LIST_ITEM_START.test(text) || /^\s*(?:>|\||#|<)/.test(text) || text.includes("|") || SETEXT.test(text)) return false;
  if (headings.some((h) => h.n === i)) return false;
  return i === 1 || i - 1 === frontTo || lines[i - 2].trim() === "";
}

/** The last line of YAML front matter ("---" on the first line, "---" or "..." again within 60 lines), else 0. */
export function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trim() !== "---") return 0;
  for (let i = 1; i < Math.min(lines.length, 60); i++) if (/^(---|\.\.\.)\s*$/.test(lines[i])) return i + 1;
  return 0;
}

/** "**Phase 2: Beta (25%)**", "__3. Resume the workers__": a line that is nothing but bold text. */
const BOLD_LINE = /^ {0,3}(\*\*|__)(?![*_\s])([^*_]{2,100}?)\1\s*$/;

/**
 * A document written without Markdown headings (a title at most) whose sections are lines of bold text standing
 * alone between blank lines ("**Phase 1: Internal (5%)**", "**2. Upgrade the workers**"), as chat and wiki pages
 * write them: those lines are its sections (level 2). Two or more, else none; a bold label with text after it on
 * the same line ("**Duration:** 2 days") is a label, never a section.
 */
function boldSectionLines(lines: string[], inCode: boolean[], frontTo: number): { n: number; level: number; text: string }[] {
  const found: { n: number; level: number; text: string }[] = [];
  for (let i = frontTo; i < lines.length; i++) {
    const n = i + 1;
    if (inCode[n] || (i > 0 && lines[i - 1].trim() !== "") || (i + 1 < lines.length && lines[i + 1].trim() !== "")) continue;
    const m = lines[i].match(BOLD_LINE);
    const text = m ? cleanInline(m[2]).replace(/\s*:\s*$/, "") : "";
    if (text && /\p{L}/u.test(text)) found.push({ n, level: 2, text });
  }
  return found.length >= 2 ? found : [];
}

/** "A. CREATE RELEASE BRANCH", "2) DEPLOY": a section line written in capitals after a letter, number or numeral. */
const PLAIN_SECTION = /^([A-Z]|[IVX]{1,4}|\d{1,2})[.)]\s+([A-Z0-9][A-Z0-9 ,&/'’()+:.-]*[A-Z0-9)])\s*$/;
const ORDER = ["ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(""), ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]];

/**
 * A document written without Markdown headings whose sections are lines in capitals, each after its letter or
 * number ("A. CREATE RELEASE BRANCH", "B. CREATE PULL REQUEST"), standing alone between blank lines: those lines
 * are its sections (level 2), named in sentence case and numbered in their order. Two or more in order (A, B, ... or 1, 2, ...), else none.
 */
function plainSectionLines(lines: string[], inCode: boolean[], frontTo: number): { n: number; level: number; text: string }[] {
  const found: { n: number; marker: string; text: string }[] = [];
  for (let i = frontTo; i < lines.length; i++) {
    const n = i + 1;
    if (inCode[n] || (i > 0 && lines[i - 1].trim() !== "")) continue;
    const m = lines[i].match(PLAIN_SECTION);
    // At least two words with letters ("CREATE RELEASE", not "A. OK").
    if (!m || (m[2].match(/[A-Z]{2,}/g) ?? []).length < 2) continue;
    found.push({ n, marker: m[1], text: m[2] });
  }
  // Letters, numerals or numbers: whichever counts the markers 1, 2, 3 ... ("I" is the ninth letter or the first numeral).
  const ranker = (order: string[]) => (marker: string) => (/^\d+$/.test(marker) ? Number(marker) : order.indexOf(marker) + 1);
  const rank = ORDER.map(ranker).find((r) => found.length >= 2 && found.every((f, k) => r(f.marker) === k + 1));
  if (!rank) return [];
  // Numbered as a procedure's sections are ("2. Create pull request"), so they are read as its steps in order.
  return found.map((f) => ({ n: f.n, level: 2, text: `${rank(f.marker)}. ${f.text.charAt(0)}${f.text.slice(1).toLowerCase()}` }));
}

/** Markdown emphasis, code spans and links reduced to their text. */
/**
 * A heading as it reads: an empty HTML anchor (`<a name="x"></a>`, a link target) and Markdown's backslash escapes
 * (`\(console\)`) are how the page is built, never part of the name a stage or step takes from it.
 */
export function headingText(raw: string): string {
  const text = raw
    .replace(/<a\s+(?:name|id)\s*=\s*["'][^"']*["']\s*\/?>\s*(?:<\/a>)?/gi, "")
    // "## Drain Messages {#drain-messages}", "### Set up {: #setup .wide}": a heading attribute (an id or class the
    // site generator gives the heading) is how the page is linked, never part of its name.
    .replace(/\s*\{:?\s*(?:[#.][\w-]+\s*)+\}\s*$/, "")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .trim();
  return text || raw;
}

export function cleanInline(s: string): string {
  // Most lines carry no Markdown at all: skip the emphasis patterns for them (a 1 MB document has ~30k lines).
  if (!/[*_`[]/.test(s)) return /\s\s|[\t\n\r]/.test(s) ? s.replace(/\s+/g, " ").trim() : s.trim();
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*\*|__/g, "")
    .replace(/(^|\W)[*_](\S[^*_]*?)[*_](?=\W|$)/g, "$1$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

export const lineAt = (doc: MarkdownDoc, n: number) => doc.lines[n - 1] ?? "";

export interface ListItem {
  n: number;
  /** The item's text, inline Markdown removed. */
  text: string;
  checkbox: boolean;
  checked: boolean;
  ordered: boolean;
  indent: number;
}

const LIST_ITEM = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/;
const CHECKBOX = /^\[([ xX])\]\s+(.*)$/;

/** A list item on line n (outside code), or null. */
export function listItemAt(doc: MarkdownDoc, n: number): ListItem | null {
  if (doc.inCode[n]) return null;
  const m = lineAt(doc, n).match(LIST_ITEM);
  if (!m) return null;
  const cb = m[3].match(CHECKBOX);
  // "- ✅ Zero unplanned rollbacks": the mark is decoration in a plan written before the rollout.
  const raw = (cb ? cb[2] : m[3]).replace(/^[\u2705\u2714\u2611\u2713\u274C\u2B1C\u{1F532}\u25A1\u2610]\uFE0F?\s*/u, "");
  const text = cleanInline(raw);
  if (!text) return null;
  return {
    n,
    text,
    checkbox: !!cb,
    checked: !!cb && cb[1] !== " ",
    ordered: /\d/.test(m[2]),
    indent: m[1].length,
  };
}

export interface LabelledBlock extends LineRange {
  /** "Go/No-Go Criteria", or "" for the lines before the first label. */
  label: string;
  /** Text after the label on its own line ("24 hours" in "**Duration:** 24 hours"). */
  rest: string;
  /** The label's line (fromLine for the unlabelled block). */
  line: number;
}

const LABEL = /^\s*(?:[-*+]\s+)?(?:\*\*|__)([^*_]{1,80}?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(.*)$/;

/** A section body split at bold labels ("**Rollback Trigger:**") and horizontal rules. */
export function labelledBlocks(doc: MarkdownDoc, from: number, to: number): LabelledBlock[] {
  const blocks: LabelledBlock[] = [];
  let current: LabelledBlock = { label: "", rest: "", line: from, fromLine: from, toLine: from - 1 };
  for (let n = from; n <= to; n++) {
    const text = lineAt(doc, n);
    if (!doc.inCode[n] && /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(text)) {
      blocks.push(current);
      current = { label: "", rest: "", line: n + 1, fromLine: n + 1, toLine: n };
      continue;
    }
    const m = doc.inCode[n] ? null : text.match(LABEL);
    if (m) {
      blocks.push(current);
      current = { label: m[1].trim(), rest: cleanInline(m[2]), line: n, fromLine: n, toLine: n };
      continue;
    }
    current.toLine = n;
  }
  blocks.push(current);
  return blocks.filter((b) => b.label !== "" || hasContent(doc, b.fromLine, b.toLine));
}

/**
 * Commands written as indented code (four spaces, outside any list item), as pages built with tab shortcodes write
 * them: "    apt update", "    kubectl get nodes". A line continuing a list item is the item's text, not code.
 */
export function hasIndentedCommands(doc: MarkdownDoc, from: number, to: number): boolean {
  let listed = false;
  for (let n = from; n <= to; n++) {
    const text = lineAt(doc, n);
    if (doc.inCode[n] || text.trim() === "") continue;
    if (!/^ {4}/.test(text)) {
      listed = LIST_ITEM_START.test(text);
      continue;
    }
    if (!listed && /^ {4,8}(?:sudo\s+)?[a-z][\w.-]*(?:\s+[-\w./=:"'$@{}]+)+\s*(?:\\|&&)?\s*$/.test(text) && !/[.,;]\s*$/.test(text)) return true;
  }
  return false;
}

export function hasContent(doc: MarkdownDoc, from: number, to: number): boolean {
  for (let n = from; n <= to; n++) if (lineAt(doc, n).trim() !== "") return true;
  return false;
}

export interface Table extends LineRange {
  header: string[];
  rows: { n: number; cells: string[] }[];
}

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function splitRow(text: string): string[] {
  let t = text.trim();
  if (t.startsWith("|")) t = t.slice(1);
  if (t.endsWith("|") && !t.endsWith("\\|")) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => cleanInline(c.replace(/\\\|/g, "|")));
}

/** GitHub-style pipe tables between two lines (outside code). */
export function tablesIn(doc: MarkdownDoc, from: number, to: number): Table[] {
  const tables: Table[] = [];
  for (let n = from; n < to; n++) {
    if (doc.inCode[n] || doc.inCode[n + 1]) continue;
    const head = lineAt(doc, n);
    if (!head.includes("|") || !TABLE_SEPARATOR.test(lineAt(doc, n + 1)) || !lineAt(doc, n + 1).includes("-")) continue;
    const table: Table = { header: splitRow(head), rows: [], fromLine: n, toLine: n + 1 };
    let r = n + 2;
    while (r <= to && !doc.inCode[r] && lineAt(doc, r).includes("|") && lineAt(doc, r).trim() !== "") {
      table.rows.push({ n: r, cells: splitRow(lineAt(doc, r)) });
      table.toLine = r;
      r++;
    }
    tables.push(table);
    n = r - 1;
  }
  return tables;
}

// An environment promotion said in prose: "deploy the new version into `dev` and promote it into `production`",
// "we promote builds from dev to staging to prod", "dev → qa → production". The environments, in the order the
// sentence names them, are the stages; the production one reaches everyone (100 %), the ones before it have no
// share (asked), as a ring or environment promotion table reads.
import { cleanInline } from "./document";

/** An environment's name as teams write it; "stage", "test" and "live" are too common as plain words to count. */
const ENVIRONMENT = /(?<![\w-])(dev|development|qa|int|integration|staging|uat|pre-?prod(?:uction)?|prod|production)(?![\w-])/gi;
const PRODUCTION = /^(?:prod|production)$/i;
const PROMOTES = /\bpromot\w*\b|(?:→|->|=>)/i;

export interface PromotionStage {
  name: string;
  percent: number | null;
}

/** The environments one sentence promotes through, in order, ending in production; null when it is not such a sentence. */
export function promotionChain(sentence: string): PromotionStage[] | null {
  const text = cleanInline(sentence);
  if (!PROMOTES.test(text) || text.length > 400) return null;
  const names: string[] = [];
  for (const m of text.matchAll(ENVIRONMENT)) {
    if (!names.some((n) => n.toLowerCase() === m[1].toLowerCase())) names.push(m[1]);
  }
  if (names.length < 2 || names.length > 6) return null;
  const last = names[names.length - 1];
  if (!PRODUCTION.test(last) || names.slice(0, -1).some((n) => PRODUCTION.test(n))) return null;
  // The promotion word (or arrow) must sit between the first environment and production: "promote it from dev to prod".
  const first = text.search(new RegExp(`(?<![\\w-])${names[0]}(?![\\w-])`, "i"));
  const prod = text.search(new RegExp(`(?<![\\w-])${last}(?![\\w-])`, "i"));
  const verb = text.slice(0, prod).search(PROMOTES);
  if (verb < 0 || prod < first) return null;
  return names.map((name, k) => ({ name, percent: k === names.length - 1 ? 100 : null }));
}

/** Paragraphs of running text (code, headings, tables and list markers left out), each with its first line. */
export function proseSentences(lines: string[], inCode: ArrayLike<number | boolean>, skip: (n: number) => boolean): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let para: { line: number; parts: string[] } | null = null;
  const flush = () => {
    if (para) for (const s of para.parts.join(" ").split(/(?<=[.!?])\s+(?=[A-Z`*_])/)) out.push({ line: para.line, text: s });
    para = null;
  };
  for (let n = 1; n <= Math.min(lines.length, 5000); n++) {
    const raw = lines[n - 1] ?? "";
    if (inCode[n] || skip(n) || !raw.trim() || /^\s{0,3}(?:#|\||>|!\[|<)/.test(raw) || /^\s*([-*+]|\d{1,3}[.)])\s/.test(raw)) {
      flush();
      continue;
    }
    para ??= { line: n, parts: [] };
    para.parts.push(raw.trim());
  }
  flush();
  return out;
}

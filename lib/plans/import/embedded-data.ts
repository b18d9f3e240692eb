// Data written inside a shell block: a heredoc handed to a command (`kubectl apply -f - <<EOF ... EOF`), or a quoted
// request body (`curl -d '{ ... }'`). Read as the data block it is, with the original line numbers kept, so the
// readers of YAML/JSON blocks see it. Also shares written as fractions: a field that names a fraction (`coverage`,
// `fraction`, `ratio`, `probability`) or a share field whose every value lies in 0..1 with one not whole.
import type { CodeBlock } from "./document";

const SHELL = new Set(["bash", "sh", "shell", "console", "zsh", "terminal", ""]);

/** The data blocks a shell block carries (heredocs and quoted bodies), at most a few, each under 50 000 characters. */
export function embeddedBlocks(block: CodeBlock): CodeBlock[] {
  if (!SHELL.has(block.lang) || block.body.length > 5000) return [];
  const out: CodeBlock[] = [];
  const body = block.body;
  for (let k = 0; k < body.length && out.length < 8; k++) {
    const here = body[k].text.match(/<<-?\s*(['"]?)([A-Za-z_][\w]*)\1/);
    if (here) {
      const end = body.findIndex((l, j) => j > k && l.text.trim() === here[2]);
      const lines = body.slice(k + 1, end < 0 ? body.length : end);
      if (lines.length > 0) out.push(asBlock(lines, block));
      if (end > k) k = end;
      continue;
    }
    // `-d '{` ... `}'`: a body quoted across lines (single quotes, as shells are written).
    const quoted = body[k].text.match(/(?:^|\s)(?:-d|--data(?:-raw|-binary)?|--body|-f)\s+'(.*)$/);
    if (quoted && /^\s*[[{]/.test(quoted[1])) {
      const lines: { n: number; text: string }[] = [];
      let first = quoted[1];
      for (let j = k; j < body.length; j++) {
        const text = j === k ? first : body[j].text;
        const close = text.lastIndexOf("'");
        if (close >= 0 && (j > k || close > 0)) {
          lines.push({ n: body[j].n, text: text.slice(0, close) });
          k = j;
          break;
        }
        lines.push({ n: body[j].n, text });
        first = "";
      }
      out.push({ ...asBlock(lines, block), lang: "json" });
    }
  }
  return out;
}

function asBlock(lines: { n: number; text: string }[], outer: CodeBlock): CodeBlock {
  const lang = lines.some((l) => /^\s*[[{]/.test(l.text)) && /^\s*[[{]/.test(lines.find((l) => l.text.trim())?.text ?? "") ? "json" : "yaml";
  return { fromLine: lines[0]?.n ?? outer.fromLine, toLine: lines[lines.length - 1]?.n ?? outer.toLine, lang, body: lines };
}

/** Fields whose values are fractions of everyone by their name. */
export const FRACTION_FIELD = /^(coverage|fraction|ratio|probability|sample_?rate|sampling_?rate|traffic_?ratio)$/i;
/** Fields that hold a share, as a percentage or, when all values are at most 1 and one is not whole, as a fraction. */
export const SHARE_FIELD = /^(percent(age)?|rollout_?percent(age)?|rollout|weight|traffic_?percent(age)?|percent_?traffic|share|exposure|canary_?weight)$/i;

/** Shares in percent from values read under one field: fraction fields and fraction-valued share fields times 100. */
export function sharesInPercent(field: string, values: number[]): number[] | null {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v < 0)) return null;
  const fractions = FRACTION_FIELD.test(field) || (SHARE_FIELD.test(field) && values.every((v) => v <= 1) && values.some((v) => !Number.isInteger(v)));
  if (fractions) return values.every((v) => v <= 1) ? values.map((v) => Math.round(v * 100000) / 1000) : null;
  if (!SHARE_FIELD.test(field)) return null;
  return values.every((v) => v <= 100) ? values : null;
}

// Text normalization before any parsing: line endings, BOM, control bytes, and mojibake repair.

/** Windows-1252 characters in 0x80..0x9F, by code point, to the byte they stand for. */
const CP1252_BYTE: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The byte a character would be if UTF-8 had been decoded as Windows-1252 (or Latin-1), else -1. */
function byteOf(code: number): number {
  if (code <= 0xff) return code;
  return CP1252_BYTE[code] ?? -1;
}

function decodeSequence(bytes: number[]): number | null {
  const [b0, b1] = bytes;
  let cp: number;
  if (bytes.length === 2) cp = ((b0 & 0x1f) << 6) | (bytes[1] & 0x3f);
  else if (bytes.length === 3) {
    // Overlong forms and UTF-16 surrogates are not text someone wrote.
    if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 >= 0xa0)) return null;
    cp = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (bytes[2] & 0x3f);
  } else {
    if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return null;
    cp = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((bytes[2] & 0x3f) << 6) | (bytes[3] & 0x3f);
  }
  return cp >= 0x80 && cp <= 0x10ffff ? cp : null;
}

const escapeCode = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;
/** A lead character (Â..ô) followed by up to three characters that stand for continuation bytes. */
const CANDIDATE = new RegExp(
  `[\\u00c2-\\u00f4][\\u0080-\\u00bf${Object.keys(CP1252_BYTE).map((k) => escapeCode(Number(k))).join("")}]{1,3}`,
  "g",
);

/**
 * Repairs UTF-8 that was decoded as Windows-1252 and encoded again ("â†’" -> "→"). Windows-1252 has five
 * undefined bytes; editors drop them, so some sequences arrive one byte short ("â† " for "←"): those become U+FFFD,
 * but only in a document that shows complete mojibake elsewhere, so a lone "â€" in honest text is left alone.
 */
export function repairMojibake(text: string): { text: string; repaired: number } {
  let repaired = 0;
  const pass = (input: string, allowTruncated: boolean) =>
    input.replace(CANDIDATE, (match) => {
      const bytes = Array.from(match, (ch) => byteOf(ch.codePointAt(0)!));
      const lead = bytes[0];
      const need = lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3;
      const conts = bytes.length - 1;
      if (conts >= need) {
        const cp = decodeSequence(bytes.slice(0, need + 1));
        if (cp === null) return match;
        repaired++;
        return String.fromCodePoint(cp) + match.slice(need + 1);
      }
      if (allowTruncated && need >= 2 && conts === need - 1) {
        repaired++;
        return "\uFFFD";
      }
      return match;
    });
  const first = pass(text, false);
  if (repaired === 0) return { text, repaired: 0 };
  return { text: pass(first, true), repaired };
}

export interface NormalizedText {
  text: string;
  lines: string[];
  /** How many mojibake sequences were repaired; the screen says so. */
  repaired: number;
}

/** One form for every input: LF line ends, no BOM, no control bytes but tab, tabs as spaces, mojibake repaired. */
export function normalizeText(raw: string): NormalizedText {
  let text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  // Control characters carry no meaning in a plan and would confuse the line parser; tabs become 4 spaces.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point of this line
  text = text.replace(/\t/g, "    ").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
  const { text: fixed, repaired } = repairMojibake(text);
  return { text: fixed, lines: fixed.split("\n"), repaired };
}

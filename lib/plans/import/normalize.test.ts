// Normalization: double-encoded UTF-8 is repaired, honest text is left alone, line ends and control bytes are unified.
import { describe, expect, it } from "vitest";
import { normalizeText, repairMojibake } from "./normalize";

/** What an editor shows after UTF-8 bytes were read as Windows-1252 and saved again. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ".slice(0, 32);
function garble(s: string): string {
  // Written out rather than TextDecoder("windows-1252"), which Node without full ICU decodes as Latin-1.
  return Array.from(new TextEncoder().encode(s), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join("");
}

describe("repairMojibake", () => {
  it("repairs arrows, box drawing and accents that were encoded twice", () => {
    expect(garble("10% → 25%")).toBe("10% â†’ 25%");
    expect(repairMojibake("10% â†’ 25%")).toEqual({ text: "10% → 25%", repaired: 1 });
    expect(repairMojibake(garble("┌──┐ café – “quoted”")).text).toBe("┌──┐ café – “quoted”");
    expect(repairMojibake(garble("emoji 🟢 ok")).text).toBe("emoji 🟢 ok");
  });

  it("marks a sequence that lost a byte Windows-1252 cannot hold, when the document shows mojibake elsewhere", () => {
    // "←" is E2 86 90; 0x90 is undefined in Windows-1252, so editors drop it and "â†" is left.
    expect(repairMojibake("[Legacy] â† 100% â†’ new").text).toBe("[Legacy] \uFFFD 100% → new");
  });

  it("leaves correct UTF-8 text and lone look-alikes untouched", () => {
    const honest = "Déjà vu → naïve café, TỔNG_KẾT.md, ✅ done, 🟢, Â alone, â€ alone";
    expect(repairMojibake(honest)).toEqual({ text: honest, repaired: 0 });
  });

  it("is idempotent: repairing twice changes nothing more", () => {
    const once = repairMojibake(garble("a → b │ c")).text;
    expect(repairMojibake(once)).toEqual({ text: once, repaired: 0 });
  });
});

describe("normalizeText", () => {
  it("unifies line ends, drops the BOM and control bytes, expands tabs", () => {
    const n = normalizeText("\uFEFF# Title\r\n\tline\u0007 two\rlast");
    expect(n.lines).toEqual(["# Title", "    line two", "last"]);
    expect(n.repaired).toBe(0);
  });

  it("counts the repairs so the screen can say the text was fixed", () => {
    expect(normalizeText("10% â†’ 25% â†’ 50%").repaired).toBe(2);
  });
});

import { describe, expect, it } from "vitest";
import { dropInvisibleControls, freeText, isPrintableName, isWellFormed, nameText } from "./text";

describe("text rules", () => {
  it("tells lone surrogates from well-formed text, pairs included", () => {
    expect(isWellFormed("plain")).toBe(true);
    expect(isWellFormed("rocket \u{1f680}")).toBe(true);
    expect(isWellFormed("\ud800")).toBe(false);
    expect(isWellFormed("a\udc00b")).toBe(false);
    expect(isWellFormed("\ude80\ud83d")).toBe(false);
  });

  it("refuses control and bidi-override characters in names and says why", () => {
    expect(isPrintableName("Gradual GA – 50 %")).toBe(true);
    for (const bad of ["a\u0000b", "tab\there", "line\nbreak", "\u202eevil", "iso\u2066late", "c1\u0085"]) {
      expect(isPrintableName(bad)).toBe(false);
      const parsed = nameText(80).safeParse(bad);
      expect(parsed.success).toBe(false);
    }
    expect(nameText(80).parse("  Beta  ")).toBe("Beta");
  });

  it("keeps line breaks and tabs in free text and drops NUL and other invisible controls", () => {
    expect(dropInvisibleControls("a\u0000b\u0007c\u001b[0m\n\td")).toBe("abc[0m\n\td");
    expect(freeText(100).parse("paused: \u0000error spike\r\n")).toBe("paused: error spike\r\n");
    expect(freeText(3).safeParse("toolong").success).toBe(false);
  });
});

// The integration run starts the known-slow files first (vitest.int.config.mts reads tests/support/slow-files.json):
// the list must name integration files that exist, once each, or a renamed slow file would fall silently to the back.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const slow: unknown = JSON.parse(readFileSync(path.join(root, "tests/support/slow-files.json"), "utf8"));

describe("the integration run's slow-first list", () => {
  it("names integration files that exist, each once", () => {
    expect(Array.isArray(slow)).toBe(true);
    const files = slow as string[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file).toMatch(/^(tests|lib)\/.*\.int\.test\.ts$/);
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    expect(new Set(files).size).toBe(files.length);
  });

  it("is what the integration config starts first", () => {
    const config = readFileSync(path.join(root, "vitest.int.config.mts"), "utf8");
    expect(config).toContain("tests/support/slow-files.json");
    expect(config).toMatch(/sequence:\s*\{\s*sequencer:\s*SlowFirstSequencer\s*\}/);
  });
});

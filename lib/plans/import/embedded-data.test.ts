import { describe, expect, it } from "vitest";
import { extractCodeSchedule } from "./code-block-data";
import { parseMarkdown, type CodeBlock } from "./document";
import { embeddedBlocks, sharesInPercent } from "./embedded-data";

const block = (lang: string, lines: string[]): CodeBlock => ({ lang, fromLine: 1, toLine: lines.length + 2, body: lines.map((text, k) => ({ n: k + 2, text })) });

describe("data inside shell blocks", () => {
  it("reads a heredoc handed to a command as YAML, and its weighted backends as the last one's share", () => {
    const b = block("sh", ["cat <<'END' | kubectl apply -f -", "kind: TrafficSplit", "spec:", "  backends:", "  - service: shop-blue", "    weight: 700", "  - service: shop-green", "    weight: 300", "END"]);
    expect(embeddedBlocks(b).map((e) => e.lang)).toEqual(["yaml"]);
    expect(extractCodeSchedule(b)).toEqual([{ line: 9, percent: 30 }]);
  });

  it("reads a quoted request body with steps whose shares are fractions", () => {
    const b = block("bash", [
      "curl -X PUT https://flags.example/api/schedules \\",
      "  --data '{",
      '    "phases": [',
      '      { "wait": "2h", "set": { "fraction": 0.05 } },',
      '      { "wait": "1d", "set": { "fraction": 0.4 } },',
      '      { "set": { "fraction": 1 } }',
      "    ]",
      "  }'",
    ]);
    expect(extractCodeSchedule(b)?.map((s) => [s.percent, s.durationSeconds])).toEqual([[5, 7200], [40, 86400], [100, undefined]]);
  });

  it("a weighted split in a fenced YAML block of its own is an example, not a step", () => {
    expect(extractCodeSchedule(block("yaml", ["backends:", "- service: a", "  weight: 90", "- service: b", "  weight: 10"]))).toBeNull();
  });
});

describe("fractions and percentages by field name and range", () => {
  it("reads fraction fields and fraction-valued share fields times 100", () => {
    expect(sharesInPercent("coverage", [0.2, 1])).toEqual([20, 100]);
    expect(sharesInPercent("weight", [0.25, 0.75])).toEqual([25, 75]);
    expect(sharesInPercent("percentage", [1, 10, 100])).toEqual([1, 10, 100]);
  });
  it("refuses values out of the field's range and fields that are no share", () => {
    expect(sharesInPercent("ratio", [0.5, 3])).toBeNull();
    expect(sharesInPercent("replicas", [2, 4])).toBeNull();
    expect(sharesInPercent("percent", [50, 150])).toBeNull();
  });
});

describe("fences inside list items", () => {
  it("an indented fence under a numbered item is a fenced block, its lines without the item's indent", () => {
    const doc = parseMarkdown(["1. Apply the split:", "", "     ```yaml", "     weight: 5", "     ```", "", "Done."]);
    expect(doc.codeBlocks).toHaveLength(1);
    expect(doc.codeBlocks[0].body.map((l) => l.text)).toEqual(["weight: 5"]);
    expect(doc.inCode[7]).toBe(false);
  });
  it("the same indentation after a plain paragraph is not a fence", () => {
    expect(parseMarkdown(["Text.", "", "    ```yaml", "    a: 1", "    ```"]).codeBlocks).toHaveLength(0);
  });
});

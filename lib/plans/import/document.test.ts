// The Markdown reader: fences are opaque, headings nest into sections, bold labels split bodies, tables parse.
import { describe, expect, it } from "vitest";
import { labelledBlocks, listItemAt, parseMarkdown, tablesIn } from "./document";

const doc = (s: string) => parseMarkdown(s.split("\n"));

describe("parseMarkdown", () => {
  it("treats fenced code as opaque: a # line in a shell block is no heading", () => {
    const d = doc(["# Plan", "```bash", "# 1. Stop service", "systemctl stop x", "```", "## Next"].join("\n"));
    expect(d.sections.map((s) => s.heading)).toEqual(["Plan", "Next"]);
    expect(d.codeBlocks).toEqual([
      { lang: "bash", fromLine: 2, toLine: 5, body: [{ n: 3, text: "# 1. Stop service" }, { n: 4, text: "systemctl stop x" }] },
    ]);
    expect(d.inCode.slice(1, 7)).toEqual([false, true, true, true, true, false]);
  });

  it("keeps a ```markdown template out of the plan: its headings and checkboxes stay code", () => {
    const d = doc(["## Template", "````markdown", "## Wave 9 (50%)", "- [ ] fake item", "```", "still template", "````", "- [ ] real item"].join("\n"));
    expect(d.sections.map((s) => s.heading)).toEqual(["Template"]);
    expect(listItemAt(d, 4)).toBeNull();
    expect(listItemAt(d, 8)?.text).toBe("real item");
  });

  it("runs an unclosed fence to the end of the document", () => {
    const d = doc("# A\n```\n# not a heading\n- [ ] not an item");
    expect(d.sections).toHaveLength(1);
    expect(d.codeBlocks[0].toLine).toBe(4);
  });

  it("nests sections by level with body and full ranges", () => {
    const d = doc("intro\n# T\ntext\n## A\na\n### A1\na1\n## B\nb");
    const [t, a, a1, b] = d.sections;
    expect(d.root.bodyTo).toBe(1);
    expect([t.line, t.bodyFrom, t.bodyTo, t.toLine]).toEqual([2, 3, 3, 9]);
    expect([a.toLine, a1.toLine, b.toLine]).toEqual([7, 7, 9]);
    expect(a1.parent).toBe(a);
    expect(t.children).toEqual([a, b]);
  });

  it("reads headings with emphasis and closing hashes as plain text", () => {
    expect(doc("## **Rollback** `Procedure` ##").sections[0].heading).toBe("Rollback Procedure");
  });
});

describe("listItemAt", () => {
  it("reads checkboxes, bullets and numbered steps", () => {
    const d = doc("- [ ] open\n- [x] done\n* bullet\n2. step two\nplain");
    expect(listItemAt(d, 1)).toMatchObject({ text: "open", checkbox: true, checked: false });
    expect(listItemAt(d, 2)).toMatchObject({ text: "done", checkbox: true, checked: true });
    expect(listItemAt(d, 3)).toMatchObject({ text: "bullet", checkbox: false });
    expect(listItemAt(d, 4)).toMatchObject({ text: "step two", ordered: true });
    expect(listItemAt(d, 5)).toBeNull();
  });
});

describe("labelledBlocks", () => {
  it("splits a body at bold labels and horizontal rules", () => {
    const d = doc(["**Duration:** 24 hours", "**Go/No-Go Criteria:**", "- [ ] a", "- [ ] b", "", "---", "after rule"].join("\n"));
    expect(labelledBlocks(d, 1, 7).map((b) => [b.label, b.rest, b.fromLine, b.toLine])).toEqual([
      ["Duration", "24 hours", 1, 1],
      ["Go/No-Go Criteria", "", 2, 5],
      ["", "", 7, 7],
    ]);
  });
});

describe("tablesIn", () => {
  it("parses pipe tables with and without outer pipes, and skips tables inside code", () => {
    const d = doc(["| Metric | Critical |", "|---|---:|", "| Error Rate | > 10% |", "", "```", "| a | b |", "|---|---|", "```", "A | B", "--|--", "1 | 2"].join("\n"));
    const tables = tablesIn(d, 1, 11);
    expect(tables).toHaveLength(2);
    expect(tables[0]).toMatchObject({ header: ["Metric", "Critical"], rows: [{ n: 3, cells: ["Error Rate", "> 10%"] }], fromLine: 1, toLine: 3 });
    expect(tables[1].rows[0].cells).toEqual(["1", "2"]);
  });
});

describe("Hugo code shortcodes", () => {
  it("are code blocks with their language, closed by their own closer", () => {
    const doc = parseMarkdown(["## Upgrade", "", "{{< text bash >}}", "$ helm upgrade api ./chart", "## not a heading", "{{< /text >}}", "after"]);
    expect(doc.codeBlocks).toEqual([{ lang: "bash", fromLine: 3, toLine: 6, body: [{ n: 4, text: "$ helm upgrade api ./chart" }, { n: 5, text: "## not a heading" }] }]);
    expect(doc.sections.map((s) => s.heading)).toEqual(["Upgrade"]);
    expect(doc.inCode[7]).toBe(false);
  });
});

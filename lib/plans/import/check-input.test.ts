// Input checks: each refusal with its status and code, and a real plan passing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkMarkdownInput } from "./check-input";

const check = (text: string) => checkMarkdownInput(text, Buffer.byteLength(text));

describe("checkMarkdownInput", () => {
  it("accepts a Markdown plan", () => {
    expect(check(readFileSync(path.join(import.meta.dirname, "fixtures/rollout-plan-batch-patches.md"), "utf8"))).toBeNull();
    expect(check("- [ ] one item")).toBeNull();
  });

  it.each([
    ["", 400, "empty_document"],
    ["  \n\t\n", 400, "empty_document"],
    ['{"name": "x", "waves": []}', 422, "not_markdown"],
    ["<!DOCTYPE html><html><body>plan</body></html>", 422, "not_markdown"],
    ["Just a sentence about a rollout, with no structure at all.", 422, "not_markdown"],
    ["# PNG\u0000\u0001\u0002", 415, "binary_document"],
    ["# x\n" + "\uFFFD\u0003".repeat(200), 415, "binary_document"],
  ])("refuses %j with %i %s", (text, status, code) => {
    expect(check(text)).toMatchObject({ status, code });
  });

  it("refuses more than 2 MB by size, before reading", () => {
    expect(checkMarkdownInput("# x", 3 * 1024 * 1024)).toMatchObject({ status: 413, code: "document_too_large", details: { limit: 2 * 1024 * 1024 } });
  });
});

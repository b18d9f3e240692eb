// Shell blocks to ordered steps: comments name steps, commands follow them.
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./document";
import { extractShellSteps, isShellBlock } from "./extract-bash-steps";

describe("extractShellSteps", () => {
  it("pairs each comment with the commands after it and strips numbering", () => {
    const md = ["```bash", "# 1. Stop new service", "systemctl stop svc", "", "# 2. Flush caches", "redis-cli FLUSHDB", "$ echo done", "```"];
    const block = parseMarkdown(md).codeBlocks[0];
    expect(isShellBlock(block)).toBe(true);
    expect(extractShellSteps(block)).toEqual([
      { text: "Stop new service", command: "systemctl stop svc", fromLine: 2, toLine: 3 },
      { text: "Flush caches", command: "redis-cli FLUSHDB\necho done", fromLine: 5, toLine: 7 },
    ]);
  });

  it("joins consecutive comments, keeps a trailing note as a step, names a bare command by itself", () => {
    const md = ["```sh", "./deploy.sh", "# Command: Disable flag", "# quickly", "flag off x", "# Should see no changes", "```"];
    expect(extractShellSteps(parseMarkdown(md).codeBlocks[0])).toEqual([
      { text: "./deploy.sh", command: "./deploy.sh", fromLine: 2, toLine: 2 },
      { text: "Disable flag. quickly", command: "flag off x", fromLine: 3, toLine: 5 },
      { text: "Should see no changes", fromLine: 6, toLine: 6 },
    ]);
  });

  it("is not a shell block when the fence says another language", () => {
    expect(isShellBlock(parseMarkdown(["```nginx", "server {}", "```"]).codeBlocks[0])).toBe(false);
  });
});

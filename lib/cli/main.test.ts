// The CLI's entry: --version, --help, shell completion (checked in a real bash), and a refused token told so.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import packageJson from "../../package.json";
import { buildProgram, main } from "./main";
import { completionScript } from "./completion";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe("tidegate's entry", () => {
  it("prints the package version with --version and -V, exit 0", async () => {
    for (const flag of ["--version", "-V"]) {
      const c = capture();
      expect(await main([flag], c.io)).toBe(0);
      expect(c.out.join("\n")).toBe(packageJson.version);
    }
  });

  it("lists every command, completion included, with --help and `help`, exit 0", async () => {
    for (const argv of [["--help"], ["help"]]) {
      const c = capture();
      expect(await main(argv, c.io)).toBe(0);
      const text = c.out.join("\n");
      for (const name of ["status", "watch", "continue", "rollback", "create", "wait", "completion"]) expect(text).toMatch(new RegExp(`^  ${name}\\b`, "m"));
      expect(text).toContain("Exit codes:");
    }
  });

  it("refuses an unknown shell with exit 2", async () => {
    const c = capture();
    expect(await main(["completion", "fish"], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain('completion takes bash or zsh, not "fish"');
  });

  it("completes commands, options and shells in a real bash", async () => {
    const c = capture();
    expect(await main(["completion", "bash"], c.io)).toBe(0);
    const script = c.out.join("\n");
    const complete = (words: string[]) =>
      execFileSync("bash", ["-c", `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _tidegate; echo "\${COMPREPLY[@]}"`], { encoding: "utf8" }).trim().split(/\s+/);
    expect(complete(["tidegate", "ro"])).toEqual(["rollback"]);
    expect(complete(["tidegate", "--json", "wait", "r1", "--ti"])).toEqual(["--timeout"]);
    expect(complete(["tidegate", "--url", "http://x", "continue", "r1", "--re"])).toEqual(["--reason"]);
    expect(complete(["tidegate", "completion", "z"])).toEqual(["zsh"]);
    // After an option that takes a value, nothing is offered (the value is the user's).
    expect(complete(["tidegate", "wait", "r1", "--until", ""])).toEqual([""]);
  });

  it("writes a zsh script that names every command and declares its function", () => {
    const program = buildProgram(() => {}, capture().io);
    const script = completionScript("zsh", program);
    expect(script.startsWith("#compdef tidegate\n")).toBe(true);
    for (const c of program.commands) expect(script).toContain(`'${c.name()}:`);
    expect(script).toContain("compdef _tidegate tidegate");
  });
});

describe("a refused token", () => {
  it("is told its token is invalid, not to sign in, with exit 7 (even when the server says \"Sign in\")", async () => {
    // A real HTTP server answering what an older Tidegate answered to a bad bearer token.
    const server = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "unauthenticated", message: "Sign in (or send an API token) to do this", details: null } }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const c = capture();
      expect(await main(["status", "--url", `http://127.0.0.1:${port}`, "--token", "tg_not_a_real_token"], c.io)).toBe(7);
      const text = c.err.join("\n");
      expect(text).toContain("The API token was refused: it is invalid (unknown, revoked or expired)");
      expect(text).not.toContain("Sign in");
    } finally {
      server.close();
    }
  });
});

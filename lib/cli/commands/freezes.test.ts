// tidegate freeze/quarantine against a real HTTP server answering as Tidegate does: the list in lines, and an
// admin's decision refused to a token with where to make it instead.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../main";

const seen: { method: string; url: string; body: string }[] = [];
const server = createServer(async (req: IncomingMessage, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  seen.push({ method: req.method ?? "", url: req.url ?? "", body });
  res.setHeader("content-type", "application/json");
  if (req.method === "GET" && req.url?.startsWith("/api/freezes")) {
    res.end(JSON.stringify({ freezes: [{ id: "f1", state: "current", from: "2026-11-27T00:00:00.000Z", to: "2026-11-30T06:00:00.000Z", reason: "Black Friday", createdBy: "alice@example.com", services: ["checkout"], environments: null }] }));
  } else if (req.method === "GET" && req.url?.startsWith("/api/quarantines")) {
    res.end(JSON.stringify({ quarantines: [] }));
  } else {
    res.statusCode = 403;
    res.end(JSON.stringify({ error: { code: "forbidden", message: "This API token (read, pipeline) may not manage here", details: { permission: "manage" } } }));
  }
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe("tidegate freeze and quarantine", () => {
  it("lists freezes one per line, and says when no version is quarantined", async () => {
    const c = capture();
    expect(await main(["freeze", "list", "--past-days", "7", "--url", url, "--token", "tg_x"], c.io)).toBe(0);
    expect(c.out).toEqual(["f1  CURRENT  2026-11-27T00:00:00.000Z -> 2026-11-30T06:00:00.000Z  Black Friday (alice@example.com; services checkout)"]);
    expect(seen.at(-1)?.url).toBe("/api/freezes?pastDays=7");
    const q = capture();
    expect(await main(["quarantine", "list", "--service", "checkout", "--url", url, "--token", "tg_x"], q.io)).toBe(0);
    expect(q.out).toEqual(["No version is quarantined."]);
    expect(seen.at(-1)?.url).toBe("/api/quarantines?service=checkout");
  });

  it("sends a freeze as the API takes it, and a token's 403 says where an admin decides instead", async () => {
    const c = capture();
    const code = await main(["freeze", "create", "--to", "2026-11-30T06:00:00Z", "--reason", "Black Friday", "--service", "checkout", "--service", "cart", "--url", url, "--token", "tg_x"], c.io);
    expect(code).toBe(7);
    const sent = JSON.parse(seen.at(-1)!.body);
    expect(sent).toMatchObject({ to: "2026-11-30T06:00:00Z", reason: "Black Friday", services: ["checkout", "cart"] });
    expect(sent.from).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(c.err.join("\n")).toContain("Cannot declare a freeze: This API token (read, pipeline) may not manage here. This is an admin's decision");
    const lift = capture();
    expect(await main(["quarantine", "lift", "q1", "--reason", "fixed", "--url", url, "--token", "tg_x"], lift.io)).toBe(7);
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/api/quarantines/q1/lift", body: JSON.stringify({ reason: "fixed" }) });
  });
});

// A real HTTP receiver on loopback for webhook, traffic-hook and gate-check tests: records every request, and
// answers each path as the test says (a status, a body, a Retry-After), possibly changing over time.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Answer only once this settles (a test holds a call at the receiver, then lets it answer). */
  until?: Promise<unknown>;
}

export interface Receiver {
  url(path: string): string;
  received: Received[];
  on(path: string, answer: Answer | ((count: number) => Answer)): void;
  of(path: string): Received[];
  close(): Promise<void>;
  port: number;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers = new Map<string, Answer | ((count: number) => Answer)>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const count = received.filter((r) => r.path === path).length;
      const rule = answers.get(path);
      const answer = typeof rule === "function" ? rule(count) : (rule ?? { status: 204 });
      const reply = () =>
        setTimeout(() => {
          res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
          res.end(answer.body ?? "");
        }, answer.delayMs ?? 0);
      if (answer.until) void answer.until.then(reply, reply);
      else reply();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    on: (path, answer) => void answers.set(path, answer),
    of: (path) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

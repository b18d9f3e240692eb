// The flag worker (FLAGS_PORT): a worker thread that answers only the flag endpoints, with the same handler as the
// main port. The benchmark showed why: in the thread that hosts Next.js every request pays for its async hooks and
// the rest of its process; a thread of its own answers the same request in about half the CPU. It holds a copy of
// the flag store (sent by the main thread on every change), asks the main thread about SDK keys it has not seen,
// and hands its evaluation counts to the main thread once a second. It never opens the database.
import { createServer } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import type { Actor } from "../../auth/server/actor";
import { forgetCachedTokens } from "../../auth/server/api-tokens";
import { drainExposure } from "../server/exposure";
import { answerRefusalOrFlags, setFlagAuthHost } from "./flag-http";
import { applyFlagSnapshot } from "../server/flag-store";
import type { FromFlagWorker, ToFlagWorker } from "./flag-worker-messages";

const port = parentPort!;
const { listenPort, host } = workerData as { listenPort: number; host: string };
const pending = new Map<number, (actor: Actor | null) => void>();
let nextId = 1;

function send(message: FromFlagWorker) {
  port.postMessage(message);
}

function ask(kind: "token" | "key-id", value: string): Promise<Actor | null> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    send({ type: "lookup", id, kind, value });
  });
}

setFlagAuthHost({ actorForToken: (token) => ask("token", token), sdkKeyById: (id) => ask("key-id", id) });

port.on("message", (message: ToFlagWorker) => {
  if (message.type === "snapshot") applyFlagSnapshot(message.snapshot);
  else if (message.type === "forget-tokens") forgetCachedTokens();
  else if (message.type === "answer") {
    pending.get(message.id)?.(message.actor);
    pending.delete(message.id);
  }
});

setInterval(() => {
  const counted = drainExposure();
  if (counted.flags.length > 0 || counted.sdks.length > 0) send({ type: "exposure", ...counted });
}, 1000);

const server = createServer((req, res) => {
  if (answerRefusalOrFlags(req, res)) return;
  const body = JSON.stringify({ error: { code: "not_found", message: "This port answers only /ofrep/ and /api/client/", details: null } });
  res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.on("error", (e) => send({ type: "failed", error: e.message }));
server.listen(listenPort, host, () => send({ type: "listening" }));

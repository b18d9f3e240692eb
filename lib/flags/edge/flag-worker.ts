// The flag worker (FLAGS_PORT): a worker thread that answers only the flag endpoints, with the same front door as
// the main port. The benchmark showed why: in the thread that hosts Next.js every request pays for its async hooks
// and the rest of its process; a thread of its own answers the same request in about half the CPU. Its ports are
// a copy of the flag store (sent by the main thread on every change), a key lookup that asks the main thread about
// keys it has not seen, and a tally of evaluations handed to the main thread once a second. Its module graph holds
// no database client (flag-worker-graph.test.ts builds it and checks).
import { createServer } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { appError } from "../../platform/http/app-error";
import { answeredRefusal, clientAddress } from "../../platform/edge/request-guard";
import { sendError } from "../../platform/edge/respond";
import { answerClientError } from "../../platform/edge/client-error";
import { ExposureTally } from "./exposure-tally";
import { createFlagFrontDoor } from "./flag-http";
import type { FlagWorkerData, FromFlagWorker, ToFlagWorker } from "./flag-worker-messages";
import { SnapshotFlagSource } from "./snapshot-flag-source";
import { WorkerKeyLookup } from "./worker-key-lookup";

const port = parentPort!;
const { listenPort, host, ticketSecret, trustedProxies } = workerData as FlagWorkerData;
const send = (message: FromFlagWorker) => port.postMessage(message);

const flags = new SnapshotFlagSource();
const keys = new WorkerKeyLookup(send);
const exposure = new ExposureTally();
const frontDoor = createFlagFrontDoor({ flags, keys, exposure, ticketSecret, clientAddress: (req) => clientAddress(req, trustedProxies) });

port.on("message", (message: ToFlagWorker) => {
  if (message.type === "snapshot") flags.apply(message.snapshot);
  else if (message.type === "forget-tokens") keys.forget();
  else if (message.type === "answer") keys.answer(message.id, message.actor);
});

setInterval(() => {
  const counted = exposure.drain();
  if (counted) send({ type: "exposure", ...counted });
}, 1000);

const server = createServer((req, res) => {
  if (answeredRefusal(req, res) || frontDoor(req, res)) return;
  sendError(res, appError(404, "not_found", "This port answers only /ofrep/ and /api/client/"));
});
server.keepAliveTimeout = 65_000;
server.on("clientError", answerClientError);
server.on("error", (e) => send({ type: "failed", error: e.message }));
server.listen(listenPort, host, () => send({ type: "listening" }));

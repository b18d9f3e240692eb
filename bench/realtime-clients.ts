// Worker thread of bench/realtime.ts: holds a share of the socket.io clients and timestamps each client's receipt of
// each release:event with process.hrtime (CLOCK_MONOTONIC, the same clock as the main thread and the server probe).
import { parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";

export interface WorkerInit {
  index: number;
  baseUrl: string;
  cookie: string;
  releaseId: string;
  afterSeq: number;
  count: number;
  batch: number;
  connectTimeoutMs: number;
}

export type ToWorker =
  | { id: number; type: "connect" }
  | { id: number; type: "clock" }
  | { id: number; type: "mark" }
  | { id: number; type: "collect"; seq: number; deadlineNs: number }
  | { id: number; type: "close" };

const init = workerData as WorkerInit;
const port = parentPort!;
const now = () => Number(process.hrtime.bigint());
const sockets: (Socket | null)[] = new Array(init.count).fill(null);
/** Clients whose connect + subscribe succeeded; the others are reported as -1, not as missed deliveries. */
const subscribed: boolean[] = new Array(init.count).fill(false);
/** seq -> receipt time (ns) per client; 0 = not received yet. */
const receipts = new Map<number, Float64Array>();
const missing = new Map<number, number>();
let waiting: { seq: number; done: () => void } | null = null;
let disconnects = 0;
let unsubscribed = 0; // clients that failed to connect or subscribe (set once connecting is done)
let metricsMessages = 0;
let eluMark = performance.eventLoopUtilization();

function onEvent(client: number, ev: { seq?: number }) {
  const t = now();
  const seq = ev?.seq;
  if (typeof seq !== "number") return;
  let arr = receipts.get(seq);
  if (!arr) {
    arr = new Float64Array(init.count);
    receipts.set(seq, arr);
    missing.set(seq, init.count);
  }
  if (!subscribed[client]) return; // never finished subscribing: not part of the measurement
  if (arr[client] !== 0) return; // duplicate (resubscribe backlog): first receipt counts
  arr[client] = t;
  const left = missing.get(seq)! - 1;
  missing.set(seq, left);
  if (left === unsubscribed && waiting?.seq === seq) waiting.done();
}

function openOne(i: number): Promise<{ ok: boolean; connectMs: number; subscribeMs: number; error?: string }> {
  const started = now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: { ok: boolean; connectMs: number; subscribeMs: number; error?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      socket.close();
      finish({ ok: false, connectMs: NaN, subscribeMs: NaN, error: "timeout" });
    }, init.connectTimeoutMs);
    const socket = io(init.baseUrl, {
      transports: ["websocket"],
      extraHeaders: { cookie: init.cookie },
      reconnection: false,
      forceNew: true, // one engine.io connection per client, as N separate browsers would have
      timeout: init.connectTimeoutMs,
    });
    sockets[i] = socket;
    socket.on("release:event", (ev) => onEvent(i, ev));
    socket.on("release:metrics", () => metricsMessages++);
    socket.on("disconnect", () => disconnects++);
    socket.on("connect_error", (e) => finish({ ok: false, connectMs: NaN, subscribeMs: NaN, error: e.message }));
    socket.on("connect", () => {
      const connected = now();
      socket
        .timeout(init.connectTimeoutMs)
        .emitWithAck("subscribe", { releaseId: init.releaseId, afterSeq: init.afterSeq })
        .then((answer: { ok?: boolean; error?: { code: string } }) =>
          finish({
            ok: answer?.ok === true,
            connectMs: (connected - started) / 1e6,
            subscribeMs: (now() - connected) / 1e6,
            error: answer?.ok ? undefined : `subscribe refused: ${answer?.error?.code}`,
          }),
        )
        .catch((e: Error) => finish({ ok: false, connectMs: NaN, subscribeMs: NaN, error: `subscribe: ${e.message}` }));
    });
  });
}

async function connectAll() {
  const connectMs: number[] = [];
  const subscribeMs: number[] = [];
  const errors = new Map<string, number>();
  let ok = 0;
  const started = now();
  for (let from = 0; from < init.count; from += init.batch) {
    const batch = [];
    for (let i = from; i < Math.min(init.count, from + init.batch); i++) batch.push(openOne(i).then((r) => ((subscribed[i] = r.ok), r)));
    for (const r of await Promise.all(batch)) {
      if (r.ok) {
        ok++;
        connectMs.push(r.connectMs);
        subscribeMs.push(r.subscribeMs);
      } else errors.set(r.error ?? "?", (errors.get(r.error ?? "?") ?? 0) + 1);
    }
  }
  unsubscribed = init.count - ok;
  return { ok, failed: init.count - ok, connectMs, subscribeMs, errors: Object.fromEntries(errors), wallMs: (now() - started) / 1e6 };
}

function collect(seq: number, deadlineNs: number): Promise<{ receipts: Float64Array; elu: number; activeMs: number }> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (timer) clearTimeout(timer);
      waiting = null;
      const arr = receipts.get(seq) ?? new Float64Array(init.count);
      for (let i = 0; i < init.count; i++) if (!subscribed[i]) arr[i] = -1;
      receipts.delete(seq);
      missing.delete(seq);
      const elu = performance.eventLoopUtilization(eluMark);
      resolve({ receipts: arr, elu: elu.utilization, activeMs: elu.active });
    };
    if (missing.get(seq) === unsubscribed) return finish();
    waiting = { seq, done: finish };
    timer = setTimeout(finish, Math.max(0, (deadlineNs - now()) / 1e6));
  });
}

port.on("message", async (msg: ToWorker) => {
  switch (msg.type) {
    case "connect":
      port.postMessage({ id: msg.id, result: await connectAll() });
      break;
    case "clock":
      port.postMessage({ id: msg.id, result: { t: now() } });
      break;
    case "mark":
      eluMark = performance.eventLoopUtilization();
      port.postMessage({ id: msg.id, result: null });
      break;
    case "collect": {
      const r = await collect(msg.seq, msg.deadlineNs);
      port.postMessage({ id: msg.id, result: { ...r, disconnects, metricsMessages } }, [r.receipts.buffer as ArrayBuffer]);
      break;
    }
    case "close":
      for (const s of sockets) s?.close();
      port.postMessage({ id: msg.id, result: { disconnects } });
      break;
  }
});

// Benchmark-only timing probe, preloaded into the server by the bench scripts (NODE_OPTIONS=--require ...).
// It changes no behaviour: it only prints lines prefixed "@@probe " to stderr, with times from the same
// monotonic clock (CLOCK_MONOTONIC via process.hrtime) that the bench process uses, so the two can be compared.
//   hello  once, with the pid (the bench reads /proc/<pid>/stat for server CPU time)
//   http   for API requests that carry an "x-bench-trace" header: when the server saw them and finished them
//   emit   each socket.io room broadcast: event, type/seq of the payload, and how long the synchronous fan-out took
//   loop   once a second: event-loop utilisation and delay, CPU time, RSS
// With BENCH_CPU_PROF_DIR set it also runs the V8 CPU profiler from the start (node refuses --cpu-prof in
// NODE_OPTIONS) and, on each SIGUSR2, writes the segment so far to <dir>/server-<pid>-<n>.cpuprofile, prints a
// "profile" line and starts the next segment.
"use strict";
const { isMainThread } = require("node:worker_threads");

if (isMainThread && !globalThis.__tidegateBenchProbe) {
  globalThis.__tidegateBenchProbe = true;
  const now = () => Number(process.hrtime.bigint());
  const out = (o) => process.stderr.write("@@probe " + JSON.stringify(o) + "\n");
  out({ kind: "hello", pid: process.pid, t: now() });

  const http = require("node:http");
  const originalEmit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (name, req, res) {
    if (name === "request" && req && res && req.headers && req.headers["x-bench-trace"]) {
      const start = now();
      const id = String(req.headers["x-bench-trace"]);
      res.once("finish", () => out({ kind: "http", id, method: req.method, url: req.url, status: res.statusCode, start, end: now() }));
    }
    return originalEmit.apply(this, arguments);
  };

  try {
    const main = require.resolve("socket.io", { paths: [process.cwd()] }); // .../socket.io/dist/index.js
    const file = require("node:path").join(require("node:path").dirname(main), "broadcast-operator.js");
    const proto = require(file).BroadcastOperator.prototype;
    const original = proto.emit;
    proto.emit = function (ev, ...args) {
      const start = now();
      const result = original.call(this, ev, ...args);
      const end = now();
      const d = args[0] && typeof args[0] === "object" ? args[0] : {};
      out({ kind: "emit", ev, type: d.type, seq: d.seq, releaseId: d.releaseId, rooms: [...(this.rooms || [])], start, end });
      return result;
    };
  } catch (e) {
    out({ kind: "probe-error", error: String(e) });
  }

  const profDir = process.env.BENCH_CPU_PROF_DIR;
  if (profDir) {
    // Each SIGUSR2 ends the current profile segment, writes it as server-<pid>-<n>.cpuprofile and starts the next,
    // so a bench can cut out exactly its measured phase.
    const inspector = require("node:inspector");
    const session = new inspector.Session();
    session.connect();
    session.post("Profiler.enable", () => session.post("Profiler.start"));
    let n = 0;
    process.on("SIGUSR2", () => {
      session.post("Profiler.stop", (err, result) => {
        const file = require("node:path").join(profDir, `server-${process.pid}-${n}.cpuprofile`);
        if (!err) require("node:fs").writeFileSync(file, JSON.stringify(result.profile));
        out({ kind: "profile", n: n++, file, error: err ? String(err) : undefined });
        session.post("Profiler.start");
      });
    });
  }

  const { monitorEventLoopDelay, performance } = require("node:perf_hooks");
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  setInterval(() => {
    const window = performance.eventLoopUtilization(elu);
    elu = performance.eventLoopUtilization();
    out({
      kind: "loop",
      t: now(),
      elu: Number(window.utilization.toFixed(4)),
      delayP99Ms: Number((delay.percentile(99) / 1e6).toFixed(2)),
      delayMaxMs: Number((delay.max / 1e6).toFixed(2)),
      cpu: process.cpuUsage(),
      rss: process.memoryUsage.rss(),
    });
    delay.reset();
  }, 1000).unref();
}

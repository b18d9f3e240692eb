// A small service exporter for tests and the benchmark, written with prom-client: simulated traffic for a canary and
// a baseline cohort (request and error counters, a latency histogram), and a control endpoint to make a cohort fail.
//   node tests/support/demo-exporter.mjs <port>
//   POST /control?cohort=canary&errorRate=0.5&latencyMs=900   changes that cohort's behaviour
import http from "node:http";
import client from "prom-client";

const port = Number(process.argv[2] ?? 9464);
const registry = new client.Registry();
const requests = new client.Counter({ name: "app_requests_total", help: "Requests served", labelNames: ["cohort"], registers: [registry] });
const errors = new client.Counter({ name: "app_errors_total", help: "Requests that failed", labelNames: ["cohort"], registers: [registry] });
const latency = new client.Histogram({
  name: "app_request_duration_seconds",
  help: "Request latency",
  labelNames: ["cohort"],
  buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5],
  registers: [registry],
});
client.collectDefaultMetrics({ register: registry });
const behaviour = { canary: { errorRate: 0, latencyMs: 120 }, baseline: { errorRate: 0, latencyMs: 120 } };
// Touch every series so an idle cohort still reports 0 instead of nothing.
for (const cohort of Object.keys(behaviour)) {
  requests.inc({ cohort }, 0);
  errors.inc({ cohort }, 0);
}

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
// 50 requests per cohort every 100 ms (500/s), errors and latencies drawn from the cohort's behaviour.
setInterval(() => {
  for (const [cohort, b] of Object.entries(behaviour)) {
    for (let i = 0; i < 50; i++) {
      requests.inc({ cohort });
      if (rand() < b.errorRate) errors.inc({ cohort });
      latency.observe({ cohort }, (b.latencyMs * (0.6 + 0.8 * rand())) / 1000);
    }
  }
}, 100);

http
  .createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/metrics") {
      res.writeHead(200, { "content-type": registry.contentType });
      res.end(await registry.metrics());
      return;
    }
    if (url.pathname === "/control" && req.method === "POST") {
      const cohort = url.searchParams.get("cohort") ?? "canary";
      if (!(cohort in behaviour)) {
        res.writeHead(400).end("unknown cohort");
        return;
      }
      const b = behaviour[cohort];
      if (url.searchParams.has("errorRate")) b.errorRate = Number(url.searchParams.get("errorRate"));
      if (url.searchParams.has("latencyMs")) b.latencyMs = Number(url.searchParams.get("latencyMs"));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(behaviour));
      return;
    }
    res.writeHead(404).end();
  })
  .listen(port, "127.0.0.1", () => console.log(`exporter listening on ${port}`));

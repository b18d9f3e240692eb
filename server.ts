// The one server: Next.js pages and API, socket.io and the guardrail watch, on one port.
import { createServer } from "node:http";
import next from "next";
import { config, requireClusterSecret } from "./lib/platform/config/config";
import { CLIENT_ADDRESS_HEADER } from "./lib/auth/server/auth-options";
import { startSocketServer } from "./lib/realtime/server/socket-server";
import { startBackgroundWork } from "./lib/main/background-jobs";
import { db } from "./lib/platform/db/client";
import { createFlagFrontDoor } from "./lib/flags/edge/flag-http";
import { mainThreadFlagPorts } from "./lib/flags/server/main-thread-flag-ports";
import { handleIngestRequest } from "./lib/guardrails/server/ingest-http";
import { startFlagService } from "./lib/flags/server/start-flag-service";
import { startFlagWorker } from "./lib/flags/server/start-flag-worker";
import { startImportPool } from "./lib/plans/server/import-pool";
import { answeredRefusal, clientAddress } from "./lib/platform/edge/request-guard";
import { answerClientError } from "./lib/platform/edge/client-error";

async function main() {
  const cfg = config();
  requireClusterSecret(cfg);
  const dev = process.env.NODE_ENV !== "production";
  process.env.NEXTAUTH_URL ??= `http://localhost:${cfg.PORT}`;
  process.env.NEXTAUTH_SECRET ??= cfg.authSecret;
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const app = next({ dev, hostname: "localhost", port: cfg.PORT });
  const handler = app.getRequestHandler();
  await app.prepare();
  const stopFlags = await startFlagService(cfg.FLAGS_POLL_MS);
  // Optional second port for the flag endpoints only, answered by a worker thread (see flag-worker.ts).
  const stopFlagWorker = cfg.FLAGS_PORT ? await startFlagWorker(cfg.FLAGS_PORT, cfg.HOST) : async () => {};

  // Markdown imports parse in worker threads, off this loop (lib/plans/server/import-pool.ts).
  const stopImportPool = startImportPool();

  const flagFrontDoor = createFlagFrontDoor(mainThreadFlagPorts({ ticketSecret: cfg.authSecret, trustedProxies: cfg.TRUSTED_PROXIES }));

  const server = createServer((req, res) => {
    // Refused requests and flag evaluations (answered from memory) never reach Next.js.
    if (answeredRefusal(req, res) || flagFrontDoor(req, res)) return;
    // Token-authenticated metric batches too: a pusher's stream of small batches must not pay for Next's pipeline.
    if (handleIngestRequest(req, res, (r) => clientAddress(r, cfg.TRUSTED_PROXIES))) return;
    // The client address for login throttling comes from the socket (or a configured proxy), never from the client.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, cfg.TRUSTED_PROXIES);
    handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.on("clientError", answerClientError);
  const io = startSocketServer(server);
  const stopBackground = startBackgroundWork();

  server.listen(cfg.PORT, cfg.HOST, async () => {
    console.log(`Tidegate ready on http://localhost:${cfg.PORT} (${dev ? "development" : "production"})`);
    if (cfg.FLAGS_PORT) console.log(`Flag endpoints (OFREP, Unleash client API) also on http://localhost:${cfg.FLAGS_PORT}`);
    if ((await db().user.count()) === 0) {
      console.log('No users yet. Create the first admin: npm run user:create -- --email you@example.com --password "<10+ chars>" --role admin');
    }
  });

  const shutdown = () => {
    stopBackground();
    stopFlags();
    void stopFlagWorker();
    void stopImportPool();
    io.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

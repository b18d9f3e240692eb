// A tiny round-robin reverse proxy for the cluster demo and benchmark: each HTTP request and each WebSocket upgrade
// goes to the next live instance, with no stickiness (Tidegate needs none over WebSocket). Written on node:http
// rather than http-proxy (unmaintained since 2020) because forwarding plus an upgrade pipe is all a demo needs;
// in production use any real load balancer (see the README).
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { connect } from "node:net";

export interface Upstream {
  host: string;
  port: number;
}

export function startRoundRobinProxy(upstreams: Upstream[], port: number, host = "127.0.0.1"): Promise<Server> {
  let turn = 0;
  const next = () => upstreams[turn++ % upstreams.length]!;
  const forwardedHeaders = (req: IncomingMessage) => ({
    ...req.headers,
    "x-forwarded-for": req.socket.remoteAddress ?? "",
    "x-forwarded-host": req.headers.host ?? "",
    "x-forwarded-proto": "http",
  });

  const server = createServer(async (req, res) => {
    // The body is read first so that a request refused by a dead instance can go to the next one whole.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const attempt = (left: number) => {
      const target = next();
      const upstream = request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: forwardedHeaders(req) }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on("error", (e: NodeJS.ErrnoException) => {
        // Refused: nothing reached that instance (it is down), so the next one may take the request.
        if (e.code === "ECONNREFUSED" && left > 1 && !res.headersSent) return attempt(left - 1);
        if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "bad_gateway", message: `upstream ${target.host}:${target.port}: ${e.message}`, details: null } }));
      });
      upstream.end(body);
    };
    attempt(upstreams.length);
  });

  server.on("upgrade", (req, socket, head) => {
    const target = next();
    const upstream = connect(target.port, target.host, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(forwardedHeaders(req)).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : v === undefined ? [] : [`${k}: ${v}`]))];
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });

  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

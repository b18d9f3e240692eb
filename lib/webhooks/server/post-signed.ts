// One signed POST to a receiver: Standard Webhooks headers, a 10 s timeout, the outbound guard on the connected
// address, the first 1 kB of the answer kept. Never throws: every way it can go wrong becomes an answer to log.
import "server-only";
import http from "node:http";
import https from "node:https";
import { checkOutboundUrl, guardedLookup, OutboundRefused } from "./outbound-guard";
import { signedHeaders } from "./sign";

export const DELIVERY_TIMEOUT_MS = 10_000;
const KEEP_BODY_BYTES = 1024;
const keepAlive = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

export interface PostAnswer {
  /** null when no HTTP answer came (refused, network error, timeout). */
  status: number | null;
  body: string | null;
  retryAfter: string | null;
  error: string | null;
  /** The call was refused before any connection (internal address, bad URL): retrying cannot help. */
  refused: boolean;
  latencyMs: number;
}

export interface SignedPost {
  url: string;
  id: string;
  body: string;
  secrets: readonly string[];
  allowHosts: readonly string[];
  timeoutMs?: number;
  extraHeaders?: Record<string, string>;
  now?: () => number;
}

export function postSigned(request: SignedPost): Promise<PostAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = checkOutboundUrl(request.url, request.allowHosts);
  } catch (e) {
    return Promise.resolve({ status: null, body: null, retryAfter: null, error: (e as Error).message, refused: true, latencyMs: 0 });
  }
  const timestamp = Math.floor((request.now?.() ?? Date.now()) / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": "Tidegate-Webhooks/1",
    ...request.extraHeaders,
    ...signedHeaders(request.secrets, request.id, timestamp, request.body),
    "content-length": String(Buffer.byteLength(request.body)),
  };
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<PostAnswer>((resolve) => {
    let settled = false;
    const finish = (answer: Omit<PostAnswer, "latencyMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, latencyMs: elapsed() });
    };
    const req = transport.request(
      url,
      {
        method: "POST",
        headers,
        agent: url.protocol === "https:" ? keepAlive.https : keepAlive.http,
        lookup: guardedLookup(url, request.allowHosts) as never,
        timeout: request.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (chunk: Buffer) => {
          if (kept < KEEP_BODY_BYTES) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        res.on("end", () => {
          const retryAfter = res.headers["retry-after"];
          finish({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, KEEP_BODY_BYTES).toString("utf8"),
            retryAfter: typeof retryAfter === "string" ? retryAfter : null,
            error: null,
            refused: false,
          });
        });
        res.on("error", (e) => finish({ status: null, body: null, retryAfter: null, error: e.message, refused: false }));
      },
    );
    // The whole exchange is bounded, not only the idle time between packets.
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${(request.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000} s`)), request.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    req.on("timeout", () => req.destroy(new Error(`no answer within ${(request.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000} s`)));
    req.on("error", (e) => finish({ status: null, body: null, retryAfter: null, error: e.message, refused: e instanceof OutboundRefused }));
    req.on("close", () => clearTimeout(deadline));
    req.end(request.body);
  });
}

// Runs one PromQL instant query against a Prometheus server: GET /api/v1/query (POST form when the query is long),
// with a timeout, optional bearer/basic auth and headers, and the outbound address rules. Never throws: every
// failure (refused connection, timeout, refused address, HTTP error) comes back as a query_error with its reason.
import "server-only";
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import type { PrometheusSource } from "../../core/metric-source";
import { guardedLookup, refusalFor } from "../../../platform/net/outbound-address";
import { parseQueryResponse, type QueryOutcome } from "./parse-query-response";

/** Past this the query goes in a POST form body (Prometheus accepts both; proxies cap URL length). */
const MAX_GET_QUERY_LENGTH = 2000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface QueryRequest {
  baseUrl: string;
  query: string;
  /** Evaluation time, epoch ms: Prometheus evaluates the query at this instant. */
  time: number;
  timeoutMs: number;
  auth?: PrometheusSource["auth"];
  headers?: Record<string, string>;
  allowed: net.BlockList;
}

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 32 }), https: new https.Agent({ keepAlive: true, maxSockets: 32 }) };

export function queryPrometheus(req: QueryRequest): Promise<QueryOutcome> {
  let url: URL;
  try {
    url = new URL(req.baseUrl.replace(/\/+$/, "") + "/api/v1/query");
  } catch {
    return Promise.resolve({ state: "query_error", reason: `the Prometheus URL ${JSON.stringify(req.baseUrl)} is not valid`, raw: [] });
  }
  const params = new URLSearchParams({ query: req.query, time: (req.time / 1000).toFixed(3) });
  const post = params.toString().length > MAX_GET_QUERY_LENGTH;
  if (!post) url.search = params.toString();
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  if (req.auth && "bearer" in req.auth) headers.authorization = `Bearer ${req.auth.bearer}`;
  if (req.auth && "basic" in req.auth) headers.authorization = `Basic ${Buffer.from(`${req.auth.basic.username}:${req.auth.basic.password}`).toString("base64")}`;
  const body = post ? params.toString() : null;
  if (body) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  // An IP literal skips `lookup`, so it is checked here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (/^[\d.]+$/.test(host) || host.includes(":")) {
    const refusal = refusalFor(host, req.allowed);
    if (refusal) return Promise.resolve({ state: "query_error", reason: `refused to call ${url.origin}: ${refusal}`, raw: [] });
  }
  const secure = url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: QueryOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const request = (secure ? https : http).request(
      url,
      { method: post ? "POST" : "GET", headers, agent: secure ? agents.https : agents.http, lookup: guardedLookup(req.allowed) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) {
            request.destroy();
            done({ state: "query_error", reason: `the answer is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`, raw: [], httpStatus: res.statusCode });
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          done(parseQueryResponse(res.statusCode ?? 0, parsed, text));
        });
        res.on("error", (e) => done({ state: "query_error", reason: `reading the answer failed: ${e.message}`, raw: [] }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      done({ state: "query_error", reason: `Prometheus did not answer within ${req.timeoutMs} ms (timeout)`, raw: [] });
    }, req.timeoutMs);
    request.on("error", (e: NodeJS.ErrnoException) => {
      const why =
        e.code === "ECONNREFUSED"
          ? `connection refused by ${url.host} (is Prometheus running?)`
          : e.code === "ECONNRESET"
            ? `the connection to ${url.host} was reset (Prometheus stopped or restarted?)`
            : e.code === "ERR_REFUSED_ADDRESS"
            ? `refused to call ${url.origin}: ${e.message}`
            : `${e.code ?? "error"}: ${e.message}`;
      done({ state: "query_error", reason: why, raw: [] });
    });
    if (body) request.end(body);
    else request.end();
  });
}

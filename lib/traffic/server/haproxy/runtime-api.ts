// One exchange with HAProxy's runtime API (the stats socket at level admin): connect over TCP or a unix socket, send
// the commands (";"-separated, non-interactive mode: HAProxy answers and closes), read to the end. Bounded in time.
import "server-only";
import { createConnection } from "node:net";
import { RouterError } from "../../core";

export interface RuntimeApiAddress {
  /** `host:port` or `unix:/path`. */
  runtimeApi: string;
  timeoutMs: number;
}

/** Largest answer accepted (a `show stat` of a big configuration stays far below). */
const MAX_ANSWER = 4 * 1024 * 1024;

export function runtimeApiCall(address: RuntimeApiAddress, commands: readonly string[]): Promise<string> {
  for (const c of commands) if (/[\n;]/.test(c)) return Promise.reject(new RouterError(`refusing a runtime API command with a separator: ${c}`, "invalid"));
  const target = connectTarget(address.runtimeApi);
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const socket = createConnection(target);
    const done = (e: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (e) reject(e);
      else resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const timer = setTimeout(
      () => done(new RouterError(`HAProxy runtime API ${address.runtimeApi} did not answer within ${address.timeoutMs} ms`, "unreachable")),
      address.timeoutMs,
    );
    socket.on("connect", () => socket.end(`${commands.join("; ")}\n`));
    socket.on("data", (b: Buffer) => {
      size += b.length;
      if (size > MAX_ANSWER) return done(new RouterError(`HAProxy runtime API answer exceeds ${MAX_ANSWER} bytes`, "invalid"));
      chunks.push(b);
    });
    socket.on("end", () => done(null));
    socket.on("close", () => done(null));
    socket.on("error", (e: NodeJS.ErrnoException) =>
      done(new RouterError(`HAProxy runtime API ${address.runtimeApi} unreachable: ${e.code ?? e.message}`, "unreachable")),
    );
  });
}

function connectTarget(runtimeApi: string): { path: string } | { host: string; port: number } {
  if (runtimeApi.startsWith("unix:")) return { path: runtimeApi.slice("unix:".length) };
  const i = runtimeApi.lastIndexOf(":");
  return { host: runtimeApi.slice(0, i).replace(/^\[|\]$/g, ""), port: Number(runtimeApi.slice(i + 1)) };
}

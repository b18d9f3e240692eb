// The byte-limited body reader for requests answered before Next.js (metrics ingest, flag evaluations): counts
// bytes as they arrive and stops past the limit, never buffering more. Route handlers use read-json-body.ts.
import "server-only";
import type { IncomingMessage } from "node:http";
import { bodyIncomplete } from "../http/app-error";

export type NodeBody = Buffer | "too_large";

/**
 * The callback form, for the flag evaluation hot path: with Next.js loaded, async hooks are live process-wide and
 * every promise an evaluation creates costs a measurable share of its CPU (bench/flags.ts --cpu-prof). The listeners
 * are inline and the state lives in a class: tsx names every function stored in a const, per call.
 */
export function onNodeBody(req: IncomingMessage, limit: number, done: (error: Error | null, body?: NodeBody) => void): void {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    done(null, "too_large");
    return;
  }
  const reader = new BodyReader(limit, done);
  req.on("data", (chunk: Buffer) => reader.data(chunk));
  req.on("end", () => reader.end());
  // An 'error' here is the client cutting the connection mid-body ("aborted"): its own refusal, not a failure.
  req.on("error", () => reader.finish(bodyIncomplete()));
}

class BodyReader {
  private first: Buffer | null = null;
  private more: Buffer[] | null = null;
  private size = 0;
  private finished = false;

  constructor(
    private readonly limit: number,
    private readonly done: (error: Error | null, body?: NodeBody) => void,
  ) {}

  data(chunk: Buffer) {
    if (this.finished) return; // past the limit: what still arrives is dropped, never kept
    this.size += chunk.length;
    if (this.size > this.limit) return this.finish(null, "too_large");
    // Almost every body arrives in one chunk: keep it as it is instead of copying it into a new buffer.
    if (this.first === null) this.first = chunk;
    else (this.more ??= [this.first]).push(chunk);
  }

  end() {
    this.finish(null, this.more ? Buffer.concat(this.more, this.size) : (this.first ?? Buffer.alloc(0)));
  }

  finish(error: Error | null, body?: NodeBody) {
    if (this.finished) return;
    this.finished = true;
    this.first = this.more = null;
    this.done(error, body);
  }
}

export function readNodeBody(req: IncomingMessage, limit: number): Promise<NodeBody> {
  return new Promise((resolve, reject) => onNodeBody(req, limit, (error, body) => (error ? reject(error) : resolve(body!))));
}

// The flag worker's keeper (start-flag-worker.ts): a worker thread that dies (here: terminated from outside, as a
// crash would end it) is started again on the same port, and a stopped keeper starts nothing.
import type { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { startFlagWorker } from "../lib/flags/server/start-flag-worker";
import { freePort } from "./support/free-port";
import { eventually } from "./support/poll";

async function answers(base: string): Promise<number | null> {
  try {
    const res = await fetch(`${base}/ofrep/v1/evaluate/flags/any-flag`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await res.text();
    return res.status;
  } catch {
    return null;
  }
}

describe("the flag worker's keeper", () => {
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    stop = null;
  });

  it("starts a worker that died again on the same port, and starts none after stop", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const workers: Worker[] = [];
    stop = await startFlagWorker(port, "127.0.0.1", (w) => workers.push(w));
    // Without an SDK key the worker answers 401 in the OFREP shape: it is up and is the flag handler.
    expect(await answers(base)).toBe(401);
    expect(workers).toHaveLength(1);

    await workers[0].terminate();
    expect(await answers(base)).toBeNull(); // nobody listens until the keeper starts the next one
    expect(await eventually(() => answers(base), (status) => status === 401, 10_000)).toBe(401);
    expect(workers).toHaveLength(2);
    expect(workers[1].threadId).not.toBe(workers[0].threadId);

    await stop();
    stop = null;
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // past the keeper's restart delay
    expect(await answers(base)).toBeNull();
    expect(workers).toHaveLength(2);
  });
});

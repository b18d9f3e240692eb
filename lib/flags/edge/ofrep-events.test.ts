// Back-pressure on the OFREP event stream: a client that never reads is dropped once its unsent notices pass the
// bound (counted as "slow"), instead of the server buffering them for ever (200 such streams grew RSS by 96 MB).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { streamTicket } from "./ofrep-ticket";
import { ofrepEvents, STREAM_BUFFER_LIMIT } from "./ofrep-events";
import type { FlagEdgePorts } from "./ports";

let server: http.Server | null = null;
afterEach(() => server?.close());

describe("the OFREP event stream", () => {
  it("drops a client that stops reading once its buffer passes the bound, and counts it", async () => {
    const listeners = new Set<(keys: string[]) => void>();
    const closed: string[] = [];
    const actor = { id: "key-1", tokenKind: "sdk", displayName: "sdk", releaseScope: null, serviceScope: null };
    const ports = {
      flags: { get: () => undefined, all: () => [], etag: () => "e".repeat(40), onChange: (l: (keys: string[]) => void) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
      },
      keys: { sdkKeyById: async () => actor, cached: () => undefined, known: () => false, lookUp: async () => null },
      exposure: { evaluations: () => {}, sdkSeen: () => {}, streamClosed: (reason: string) => closed.push(reason) },
      ticketSecret: "secret-0123456789abcdef",
      clientAddress: () => "127.0.0.1",
    } as unknown as FlagEdgePorts;
    let serverSide: http.ServerResponse | null = null;
    server = http.createServer((req, res) => {
      serverSide = res;
      void ofrepEvents(ports, req, res, new URL(req.url!, "http://x"));
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    const ticket = streamTicket("secret-0123456789abcdef", "key-1", Date.now());
    // A client that reads the headers and then nothing more.
    const response = await new Promise<http.IncomingMessage>((resolve) => http.get({ host: "127.0.0.1", port, path: `/ofrep/v1/events?ticket=${ticket}` }, resolve));
    expect(response.statusCode).toBe(200);
    response.pause();
    // Flag changes keep coming: far more notices than the socket buffers and the bound hold together.
    for (let i = 0; i < 400_000 && closed.length === 0; i++) {
      for (const l of listeners) l(["flag-a"]);
      if (i % 200 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(closed).toEqual(["slow"]);
    expect(serverSide!.destroyed).toBe(true);
    expect(serverSide!.writableLength).toBeLessThanOrEqual(STREAM_BUFFER_LIMIT);
    expect(listeners.size).toBe(0); // unsubscribed: nothing more is written to it
    response.destroy();
  });
});

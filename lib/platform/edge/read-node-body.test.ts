import { PassThrough } from "node:stream";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { HttpError } from "../http/app-error";
import { onNodeBody, readNodeBody, type NodeBody } from "./read-node-body";

function request(headers: Record<string, string> = {}) {
  const stream = new PassThrough() as PassThrough & { headers: Record<string, string> };
  stream.headers = headers;
  return stream;
}

const asReq = (s: PassThrough) => s as unknown as IncomingMessage;

describe("the byte-limited body reader", () => {
  it("returns a one-chunk body as that chunk, and joins several", async () => {
    const one = request();
    const chunk = Buffer.from('{"context":{}}');
    const read = readNodeBody(asReq(one), 100);
    one.end(chunk);
    const body = await read;
    expect(body).toBe(chunk);

    const several = request();
    const joined = readNodeBody(asReq(several), 100);
    several.write("ab");
    several.write("cd");
    several.end("ef");
    expect((await joined).toString()).toBe("abcdef");

    const empty = request();
    const none = readNodeBody(asReq(empty), 100);
    empty.end();
    expect(await none).toEqual(Buffer.alloc(0));
  });

  it("refuses a declared length over the limit without reading, and a streamed one once, keeping nothing after", async () => {
    const declared = request({ "content-length": "101" });
    expect(await readNodeBody(asReq(declared), 100)).toBe("too_large");
    expect(declared.listenerCount("data")).toBe(0);

    const streamed = request();
    const calls: Array<NodeBody | Error> = [];
    onNodeBody(asReq(streamed), 4, (error, body) => calls.push(error ?? body!));
    streamed.write("abc");
    streamed.write("de");
    streamed.write("more after the limit");
    streamed.end();
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(["too_large"]);
  });

  it("turns a stream error (the client going away mid-body) into one 400 body_incomplete refusal", async () => {
    const broken = request();
    const calls: unknown[] = [];
    const read = readNodeBody(asReq(broken), 100);
    read.catch((e) => calls.push(e));
    broken.write("ab");
    broken.destroy(new Error("aborted"));
    const error = await read.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).error).toMatchObject({ status: 400, code: "body_incomplete" });
    await new Promise((r) => setImmediate(r));
    expect(calls).toHaveLength(1);
  });
});

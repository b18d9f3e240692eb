import { describe, expect, it } from "vitest";
import { HttpError } from "./app-error";
import { readJsonBody } from "./read-json-body";

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(req: Request, limit?: number) {
  try {
    await readJsonBody(req, limit);
  } catch (e) {
    if (e instanceof HttpError) return { status: e.error.status, code: e.error.code, details: e.error.details };
    throw e;
  }
  throw new Error("accepted");
}

/** A body that would be endless; counts how many bytes the reader pulled before giving up. */
function endless() {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

describe("readJsonBody", () => {
  it("parses JSON (and +json types), and reads an empty body as undefined", async () => {
    expect(await readJsonBody(post('{"a":[1,"\u{1f680}"]}'))).toEqual({ a: [1, "\u{1f680}"] });
    expect(await readJsonBody(post('{"a":1}', { "content-type": "application/merge-patch+json; charset=utf-8" }))).toEqual({ a: 1 });
    expect(await readJsonBody(post(""))).toBeUndefined();
  });

  it("refuses other media types with 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonp"]) {
      expect((await refusal(post('{"a":1}', { "content-type": type }))).status).toBe(415);
    }
    expect((await refusal(post('{"a":1}', {}))).code).toBe("unsupported_media_type");
  });

  it("refuses a declared length past the limit without reading, and stops an undeclared stream at the limit", async () => {
    expect(await refusal(post("{}", { "content-type": "application/json", "content-length": "2000" }), 1000)).toMatchObject({ status: 413, code: "payload_too_large" });
    const body = endless();
    expect((await refusal(post(body.stream), 256 * 1024)).status).toBe(413);
    expect(body.pulled()).toBeLessThan(1024 * 1024);
  });

  it("answers a body cut off by the client (the stream errors mid-way) as 400 body_incomplete, never a database failure", async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"action":"pa'));
      },
    });
    expect(await refusal(post(stream))).toMatchObject({ status: 400, code: "body_incomplete" });
  });

  it("refuses bad UTF-8, bad JSON, lone surrogates (naming the field) and nesting past the limit", async () => {
    expect((await refusal(post(new Uint8Array([0x22, 0xff, 0x22])))).code).toBe("invalid_encoding");
    expect((await refusal(post("{nope"))).code).toBe("invalid_json");
    const lone = await refusal(post('{"waves":[{"name":"\\ud800"}]}'));
    expect(lone).toMatchObject({ status: 400, code: "invalid_request" });
    expect((lone.details as { issues: { path: string }[] }).issues[0].path).toBe("waves.0.name");
    expect((await refusal(post('{"\\udc00":1}'))).status).toBe(400);
    expect((await refusal(post(`${"[".repeat(65)}${"]".repeat(65)}`))).status).toBe(400);
    expect(await readJsonBody(post(`${"[".repeat(60)}${"]".repeat(60)}`))).toBeDefined();
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../auth/server/actor";
import { forgetCachedTokens, hashToken } from "../../auth/server/token-cache";
import type { FromFlagWorker } from "./flag-worker-messages";
import { MAX_PENDING_LOOKUPS, WorkerKeyLookup } from "./worker-key-lookup";

const actor = (id: string): Actor => ({ kind: "token", id, name: `token:${id}`, displayName: id, role: null, signoffRoles: [], releaseScope: null, tokenKind: "sdk" });

function setup() {
  const asked: Extract<FromFlagWorker, { type: "lookup" }>[] = [];
  const keys = new WorkerKeyLookup((m) => {
    if (m.type === "lookup") asked.push(m);
  });
  return { keys, asked };
}

afterEach(() => {
  vi.useRealTimers();
  forgetCachedTokens();
});

describe("the flag worker's key lookup", () => {
  it("asks the main thread once for concurrent lookups of one key, and caches a valid answer", async () => {
    const { keys, asked } = setup();
    const key = "tg_sdk_one";
    const both = Promise.all([keys.lookUp(key), keys.lookUp(key)]);
    expect(asked).toEqual([{ type: "lookup", id: 1, kind: "token", value: key }]);
    keys.answer(1, actor("k1"));
    expect((await both).map((a) => a?.id)).toEqual(["k1", "k1"]);
    expect(keys.cached(key, hashToken(key))?.id).toBe("k1");
    expect(keys.pendingCount()).toBe(0);
  });

  it("knows a key that was valid a moment ago after its cached answer expired, until a forget", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { keys, asked } = setup();
    const key = "tg_sdk_known";
    const hash = hashToken(key);
    expect(keys.known(hash)).toBe(false);
    const looked = keys.lookUp(key);
    keys.answer(asked[0].id, actor("k"));
    await looked;
    vi.setSystemTime(1_000_000 + 2_001);
    expect(keys.cached(key, hash)).toBeUndefined(); // expired: the next request asks again
    expect(keys.known(hash)).toBe(true); // but that is a refresh, not a guess
    keys.forget();
    expect(keys.known(hash)).toBe(false);
  });

  it("answers a malformed key without asking, and caches no unknown key", async () => {
    const { keys, asked } = setup();
    expect(await keys.lookUp("not-a-token")).toBeNull();
    expect(asked).toEqual([]);
    const unknown = keys.lookUp("tg_sdk_unknown");
    keys.answer(asked[0].id, null);
    expect(await unknown).toBeNull();
    expect(keys.cached("tg_sdk_unknown", hashToken("tg_sdk_unknown"))).toBeUndefined();
  });

  it("after a forget, asks afresh and does not cache an answer to a question asked before it", async () => {
    const { keys, asked } = setup();
    const key = "tg_sdk_revoked";
    const before = keys.lookUp(key);
    keys.forget(); // the key is revoked while the question is on its way
    const after = keys.lookUp(key);
    expect(asked.map((a) => a.id)).toEqual([1, 2]);
    keys.answer(1, actor("stale"));
    expect((await before)?.id).toBe("stale"); // that request was already in flight
    expect(keys.cached(key, hashToken(key))).toBeUndefined();
    keys.answer(2, null);
    expect(await after).toBeNull();
  });

  it("refuses a lookup past MAX_PENDING_LOOKUPS questions instead of queueing it", async () => {
    const { keys } = setup();
    for (let i = 0; i < MAX_PENDING_LOOKUPS; i++) void keys.lookUp(`tg_sdk_${i}`);
    await expect(keys.lookUp("tg_sdk_one_more")).rejects.toMatchObject({ error: { status: 503 } });
    expect(keys.pendingCount()).toBe(MAX_PENDING_LOOKUPS);
  });
});

// How the webhook kill test tells a repeat the README allows (within the window after a sender's death) from one it
// does not.
import { describe, expect, it } from "vitest";
import { countRepeats } from "./support/webhook-repeats";
import type { Received } from "./support/webhook-receiver";

const call = (id: string, at: number, path = "/a"): Received => ({ path, headers: { "webhook-id": id }, body: "{}", at });
const WINDOW = 25_000;

describe("countRepeats", () => {
  it("counts a repeat with no kill between the first call and it as beyond the window", () => {
    const r = countRepeats([call("m1", 1_000), call("m1", 17_000)], [], WINDOW);
    expect(r).toMatchObject({ repeats: 1, withinWindow: 0, beyondWindow: 1, worstAfterKillMs: Number.POSITIVE_INFINITY });
  });

  it("counts from the last kill before the repeat: a second sender that re-claimed the delivery and died restarts the bound", () => {
    // First call at 1 s; the sender dies at 2 s; the next sender dies at 18 s; the repeat comes at 33 s: 31 s after the
    // first death, 15 s after the second.
    const r = countRepeats([call("m1", 1_000), call("m1", 33_000)], [2_000, 18_000], WINDOW);
    expect(r).toMatchObject({ repeats: 1, withinWindow: 1, beyondWindow: 0, worstAfterKillMs: 15_000 });
  });

  it("still counts a repeat that came long after every kill as beyond the window", () => {
    const r = countRepeats([call("m1", 1_000), call("m1", 60_000)], [2_000, 18_000], WINDOW);
    expect(r).toMatchObject({ withinWindow: 0, beyondWindow: 1, worstAfterKillMs: 42_000 });
  });

  it("ignores kills before the first call and after the repeat, and keeps ids apart per path", () => {
    const r = countRepeats([call("m1", 5_000), call("m1", 5_000, "/b"), call("m1", 9_000)], [1_000, 20_000], WINDOW);
    expect(r).toMatchObject({ repeats: 1, withinWindow: 0, beyondWindow: 1 });
  });
});

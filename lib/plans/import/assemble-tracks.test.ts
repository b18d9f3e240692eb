// Track names read from headings.
import { describe, expect, it } from "vitest";
import { trackName } from "./assemble-tracks";

describe("trackName", () => {
  it("drops a label prefix, a code span and a decorating emoji", () => {
    expect(trackName("Track 2: Search migration")).toBe("Search migration");
    expect(trackName("Feature: Batched postings (`ledger-batched`)")).toBe("Batched postings");
    expect(trackName("🧪 Pricing experiment")).toBe("Pricing experiment");
  });

  it("keeps a first word that only begins like a label", () => {
    expect(trackName("Partial cutover")).toBe("Partial cutover");
    expect(trackName("Feature flags cleanup")).toBe("Feature flags cleanup");
    expect(trackName("Components upgrade")).toBe("Components upgrade");
  });
});

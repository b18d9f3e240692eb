import { describe, expect, it } from "vitest";
import type { ServedFlag } from "../core/served-flag";
import { SnapshotFlagSource } from "./snapshot-flag-source";

const flag = (key: string, share: number): ServedFlag => ({
  spec: { key },
  releaseId: "r1",
  releaseName: "Release",
  service: "shop",
  status: "running",
  waveIndex: 0,
  waveName: "Ten",
  share,
  version: 1,
  changedAt: new Date(0),
}) as ServedFlag;

describe("the flag worker's flag source", () => {
  it("serves the last snapshot whole and tells listeners only of snapshots that moved something", () => {
    const source = new SnapshotFlagSource();
    const heard: string[][] = [];
    const stop = source.onChange((keys) => heard.push(keys));
    source.apply({ flags: [flag("a", 10), flag("b", 0)], etag: '"1"', changed: [] });
    expect(source.all().map((f) => f.spec.key)).toEqual(["a", "b"]);
    expect(heard).toEqual([]);
    source.apply({ flags: [flag("a", 50)], etag: '"2"', changed: ["a", "b"] });
    expect(source.get("a")?.share).toBe(50);
    expect(source.get("b")).toBeUndefined();
    expect(source.etag()).toBe('"2"');
    expect(heard).toEqual([["a", "b"]]);
    stop();
    source.apply({ flags: [], etag: '"3"', changed: ["a"] });
    expect(heard).toHaveLength(1);
  });
});

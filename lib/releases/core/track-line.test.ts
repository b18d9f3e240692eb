import { describe, expect, it } from "vitest";
import { trackLine, trackNames } from "./track-line";

const names = trackNames([
  { key: "search", name: "Search migration" },
  { key: "installation", name: "Installation" },
]);

describe("trackLine", () => {
  it("says where each track is, in the wall screen's words", () => {
    expect(trackLine({ name: "Search migration", kind: "ramp", status: "running", trafficPercent: 50 }, names)).toBe("Search migration: 50 %");
    expect(
      trackLine({ name: "Installation", kind: "ramp", status: "draft", trafficPercent: 0, waitingFor: "Installation starts after Search migration completes", after: { track: "search" } }, names),
    ).toBe("Installation: waiting for Search migration");
    expect(trackLine({ name: "Installation", kind: "ramp", status: "draft", trafficPercent: 0 }, names)).toBe("Installation: ready to start");
    expect(trackLine({ name: "Dark deploy", kind: "step", status: "running", trafficPercent: 100 }, names)).toBe("Dark deploy: in progress");
    expect(trackLine({ name: "Search migration", kind: "ramp", status: "paused", trafficPercent: 25 }, names)).toBe("Search migration: 25 % (paused)");
    expect(trackLine({ name: "Search migration", kind: "ramp", status: "completed", trafficPercent: 100 }, names)).toBe("Search migration: done");
  });
});

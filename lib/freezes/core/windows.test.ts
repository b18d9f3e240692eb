import { describe, expect, it } from "vitest";
import { describeWindows, windowStatus, WindowsSchema, type Windows } from "./windows";

const berlinOffice: Windows = { timeZone: "Europe/Berlin", allow: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "16:00" }] };
const at = (iso: string) => new Date(iso);

describe("windowStatus: weekdays 09:00-16:00 Europe/Berlin", () => {
  it.each([
    // [now (UTC), open, opensAt (UTC) when closed]
    ["2026-12-07T09:00:00Z", true, null], // Mon 10:00 CET
    ["2026-12-07T08:00:00Z", true, null], // Mon 09:00 CET: the first minute is in
    ["2026-12-07T07:59:59Z", false, "2026-12-07T08:00:00.000Z"], // Mon 08:59:59 CET
    ["2026-12-07T15:00:00Z", false, "2026-12-08T08:00:00.000Z"], // Mon 16:00 CET: `to` is out
    ["2026-12-11T16:00:00Z", false, "2026-12-14T08:00:00.000Z"], // Fri 17:00 -> Mon
    ["2026-12-12T12:00:00Z", false, "2026-12-14T08:00:00.000Z"], // Sat
    ["2026-12-13T23:30:00Z", false, "2026-12-14T08:00:00.000Z"], // Mon 00:30 CET, Sun 23:30 UTC
    ["2026-07-06T07:30:00Z", true, null], // Mon 09:30 CEST (summer: UTC+2)
    ["2026-07-06T06:30:00Z", false, "2026-07-06T07:00:00.000Z"], // Mon 08:30 CEST
    ["2026-07-06T13:59:00Z", true, null], // Mon 15:59 CEST
    ["2026-07-06T14:00:00Z", false, "2026-07-07T07:00:00.000Z"], // Mon 16:00 CEST
  ])("at %s: open %s, opens %s", (now, open, opensAt) => {
    const s = windowStatus(berlinOffice, at(now));
    expect(s.open).toBe(open);
    expect(s.opensAt?.toISOString() ?? null).toBe(opensAt);
  });

  it("counts the hours across the spring-forward weekend: Friday closes at CET, Monday opens at CEST", () => {
    // DST began Sun 2026-03-29 at 01:00 UTC.
    expect(windowStatus(berlinOffice, at("2026-03-27T15:00:00Z")).opensAt?.toISOString()).toBe("2026-03-30T07:00:00.000Z");
    expect(windowStatus(berlinOffice, at("2026-03-30T06:59:00Z")).open).toBe(false);
    expect(windowStatus(berlinOffice, at("2026-03-30T07:00:00Z")).open).toBe(true);
  });
});

describe("windowStatus at DST edges", () => {
  it("a window beginning in the skipped hour opens when the gap ends (spring forward)", () => {
    const w: Windows = { timeZone: "Europe/Berlin", allow: [{ days: ["sun"], from: "02:30", to: "04:00" }] };
    // Sun 2026-03-29: 01:59:59 CET is followed by 03:00 CEST (01:00 UTC).
    const before = windowStatus(w, at("2026-03-29T00:45:00Z"));
    expect(before).toEqual({ open: false, opensAt: at("2026-03-29T01:00:00Z") });
    expect(windowStatus(w, at("2026-03-29T01:00:00Z")).open).toBe(true); // 03:00 CEST
    expect(windowStatus(w, at("2026-03-29T01:59:00Z")).open).toBe(true); // 03:59 CEST
    expect(windowStatus(w, at("2026-03-29T02:00:00Z")).open).toBe(false); // 04:00 CEST
  });

  it("a window in the repeated hour opens at each passing (fall back)", () => {
    const w: Windows = { timeZone: "Europe/Berlin", allow: [{ days: ["sun"], from: "02:30", to: "03:00" }] };
    // Sun 2026-10-25: 02:59:59 CEST (00:59:59 UTC) is followed by 02:00 CET (01:00 UTC).
    expect(windowStatus(w, at("2026-10-25T00:10:00Z"))).toEqual({ open: false, opensAt: at("2026-10-25T00:30:00Z") });
    expect(windowStatus(w, at("2026-10-25T00:45:00Z")).open).toBe(true); // 02:45 CEST
    expect(windowStatus(w, at("2026-10-25T01:15:00Z"))).toEqual({ open: false, opensAt: at("2026-10-25T01:30:00Z") }); // 02:15 CET
    expect(windowStatus(w, at("2026-10-25T01:45:00Z")).open).toBe(true); // 02:45 CET
    expect(windowStatus(w, at("2026-10-25T02:00:00Z")).opensAt).toEqual(at("2026-11-01T01:30:00Z")); // next Sunday, CET
  });

  it("New York's DST (a different date than Europe's) moves the opening in UTC, not on the wall", () => {
    const w: Windows = { timeZone: "America/New_York", allow: [{ days: ["mon"], from: "09:00", to: "17:00" }] };
    // DST began Sun 2026-03-08 in the US: Mon 2026-03-02 opens 14:00 UTC, Mon 2026-03-09 at 13:00 UTC.
    expect(windowStatus(w, at("2026-03-02T12:00:00Z")).opensAt).toEqual(at("2026-03-02T14:00:00Z"));
    expect(windowStatus(w, at("2026-03-03T12:00:00Z")).opensAt).toEqual(at("2026-03-09T13:00:00Z"));
  });

  it("a half-hour zone (Asia/Kolkata, UTC+05:30) keeps its minutes", () => {
    const w: Windows = { timeZone: "Asia/Kolkata", allow: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "10:00", to: "18:00" }] };
    expect(windowStatus(w, at("2026-12-07T04:29:00Z")).opensAt).toEqual(at("2026-12-07T04:30:00Z"));
    expect(windowStatus(w, at("2026-12-07T04:30:00Z")).open).toBe(true);
  });
});

describe("windowStatus: overnight and whole-day windows", () => {
  const nights: Windows = { timeZone: "UTC", allow: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "22:00", to: "06:00" }] };
  it.each([
    ["2026-12-08T03:00:00Z", true, null], // Tue 03:00: Monday's night
    ["2026-12-12T03:00:00Z", true, null], // Sat 03:00: Friday's night runs into Saturday
    ["2026-12-13T03:00:00Z", false, "2026-12-14T22:00:00.000Z"], // Sun: Saturday has no night
    ["2026-12-14T05:59:00Z", false, "2026-12-14T22:00:00.000Z"], // Mon early: Sunday has no night
    ["2026-12-08T06:00:00Z", false, "2026-12-08T22:00:00.000Z"], // Tue 06:00: over
    ["2026-12-08T22:00:00Z", true, null],
  ])("at %s: open %s, opens %s", (now, open, opensAt) => {
    const s = windowStatus(nights, at(now));
    expect(s.open).toBe(open);
    expect(s.opensAt?.toISOString() ?? null).toBe(opensAt);
  });

  it("24:00 means to the end of the day", () => {
    const w: Windows = { timeZone: "UTC", allow: [{ days: ["sat"], from: "00:00", to: "24:00" }] };
    expect(windowStatus(w, at("2026-12-12T23:59:00Z")).open).toBe(true);
    expect(windowStatus(w, at("2026-12-13T00:00:00Z")).opensAt).toEqual(at("2026-12-19T00:00:00Z"));
  });

  it("several rules: the earliest next opening wins", () => {
    const w: Windows = { timeZone: "UTC", allow: [{ days: ["tue"], from: "09:00", to: "10:00" }, { days: ["mon"], from: "14:00", to: "15:00" }] };
    expect(windowStatus(w, at("2026-12-07T10:00:00Z")).opensAt).toEqual(at("2026-12-07T14:00:00Z"));
    expect(windowStatus(w, at("2026-12-07T15:00:00Z")).opensAt).toEqual(at("2026-12-08T09:00:00Z"));
  });
});

describe("WindowsSchema", () => {
  it("accepts the documented example and says it back", () => {
    const w = WindowsSchema.parse(berlinOffice);
    expect(describeWindows(w)).toBe("mon-fri 09:00-16:00 (Europe/Berlin)");
    expect(describeWindows({ timeZone: "UTC", allow: [{ days: ["sun", "sat"], from: "10:00", to: "12:00" }] })).toBe("sat,sun 10:00-12:00 (UTC)");
  });
  it.each([
    [{ timeZone: "Mars/Olympus", allow: berlinOffice.allow }, "timeZone"],
    [{ timeZone: "UTC", allow: [{ days: ["mon"], from: "09:00", to: "09:00" }] }, "allow.0.to"],
    [{ timeZone: "UTC", allow: [{ days: ["mon"], from: "9:00", to: "10:00" }] }, "allow.0.from"],
    [{ timeZone: "UTC", allow: [{ days: ["mon"], from: "24:00", to: "10:00" }] }, "allow.0.from"],
    [{ timeZone: "UTC", allow: [{ days: ["monday"], from: "09:00", to: "10:00" }] }, "allow.0.days.0"],
    [{ timeZone: "UTC", allow: [] }, "allow"],
  ])("refuses %j at %s", (input, path) => {
    const r = WindowsSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

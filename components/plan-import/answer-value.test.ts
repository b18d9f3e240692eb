// Answers typed as text come back as numbers, strings, JSON or "leave out" (null), like the proposal they replace.
import { describe, expect, it } from "vitest";
import { answerText, parseAnswer } from "./answer-value";

describe("parseAnswer", () => {
  it("reads numbers for numeric proposals and refuses words", () => {
    expect(parseAnswer({ proposed: 60 }, " 300 ")).toEqual({ ok: true, value: 300 });
    expect(parseAnswer({ proposed: 60 }, "five")).toEqual({ ok: false, message: "Enter a number" });
  });

  it("reads text for text proposals and refuses an empty owner", () => {
    expect(parseAnswer({ proposed: "Incident Commander" }, "SRE on call")).toEqual({ ok: true, value: "SRE on call" });
    expect(parseAnswer({ proposed: "Incident Commander" }, "  ")).toMatchObject({ ok: false });
  });

  it("reads an empty field as 'leave it out' when the proposal was to leave it out", () => {
    expect(parseAnswer({ proposed: null }, "")).toEqual({ ok: true, value: null });
    expect(parseAnswer({ proposed: null }, "7200")).toEqual({ ok: true, value: 7200 });
  });

  it("reads JSON for object proposals", () => {
    expect(parseAnswer({ proposed: { name: "x" } }, '{"name":"y","action":"pause"}')).toEqual({ ok: true, value: { name: "y", action: "pause" } });
    expect(parseAnswer({ proposed: { name: "x" } }, "{oops")).toMatchObject({ ok: false });
  });

  it("asks bake times and other seconds as durations, not seconds", () => {
    const bake = { proposed: 3600, field: "waves[1].bakeSeconds" };
    expect(answerText(bake.proposed, bake.field)).toBe("1h");
    expect(parseAnswer(bake, "2h")).toEqual({ ok: true, value: 7200 });
    expect(parseAnswer(bake, "30m")).toEqual({ ok: true, value: 1800 });
    expect(parseAnswer(bake, "1 d")).toEqual({ ok: true, value: 86400 });
    expect(parseAnswer(bake, "1h 30m")).toEqual({ ok: true, value: 5400 });
    expect(parseAnswer(bake, "soon")).toMatchObject({ ok: false, message: expect.stringMatching(/duration/) });
    expect(parseAnswer({ proposed: null, field: "hypercare.durationSeconds" }, "")).toEqual({ ok: true, value: null });
    expect(answerText(90, "guardrails[0].forSeconds")).toBe("1m 30s");
  });

  it("shows proposals as they would be typed", () => {
    expect([answerText(null), answerText(60), answerText("a"), answerText({ a: 1 })]).toEqual(["", "60", "a", '{"a":1}']);
  });
});

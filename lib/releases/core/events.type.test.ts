// The event contract as a type: `npx tsc --noEmit -p .` checks the @ts-expect-error lines below (an unused one is an
// error, so each proves the compiler refuses that write), vitest runs the expectTypeOf assertions.
import { describe, expectTypeOf, it } from "vitest";
import { parseStoredEvent, typedEvent, type EventDataOf, type StoredEvent, type TypedEvent, type TypedEventOf } from "./events";
import type { DomainEvent } from "./machine";

const context = { actor: "cmd@x", reason: null, at: new Date(0), before: null, after: null };

describe("typed events at compile time", () => {
  it("builds an event whose data matches its type, and refuses any other", () => {
    const ok = typedEvent("promoted", { fromWave: 0, toWave: 1, fromTraffic: 10, toTraffic: 25, wave: "Half" });
    expectTypeOf(ok).toEqualTypeOf<TypedEventOf<"promoted">>();
    expectTypeOf(ok.data.toWave).toEqualTypeOf<number>();

    // @ts-expect-error a field the schema of "paused" does not have
    typedEvent("paused", { wave: "Half" });
    // @ts-expect-error a required field missing ("promoted" needs toTraffic)
    typedEvent("promoted", { fromWave: 0, toWave: 1, fromTraffic: 10, wave: "Half" });
    // @ts-expect-error a field of the wrong type
    typedEvent("breach", { metric: "error_rate", level: "fatal" });
    // @ts-expect-error an event type that does not exist
    typedEvent("exploded", {});
  });

  it("checks event literals written for appending (DomainEvent)", () => {
    const ok: DomainEvent = { ...context, type: "signoff", data: { waveIndex: 0, wave: "Canary", role: "QA", decision: "approve" } };
    expectTypeOf(ok).toExtend<DomainEvent>();
    // @ts-expect-error a wrong field in a literal event's data
    const wrongField: DomainEvent = { ...context, type: "signoff", data: { waveIndex: 0, wave: "Canary", role: "QA", decision: "approve", extra: 1 } };
    // @ts-expect-error an unknown type in a literal event
    const unknownType: DomainEvent = { ...context, type: "exploded", data: {} };
    // @ts-expect-error data that belongs to another type
    const mixed: DomainEvent = { ...context, type: "paused", data: { fromTraffic: 10, wave: "Canary" } };
    void [wrongField, unknownType, mixed];
  });

  it("narrows a stored event on its type, and makes the reader handle the unreadable one", () => {
    const stored = parseStoredEvent({ type: "rolled_back", dataJson: "{}" });
    expectTypeOf(stored).toEqualTypeOf<StoredEvent>();
    if (stored.type === "rolled_back") expectTypeOf(stored.data).toEqualTypeOf<EventDataOf<"rolled_back">>();
    if (stored.type === "unreadable") {
      expectTypeOf(stored.data).toBeUnknown();
      expectTypeOf(stored.problem).toBeString();
    }
    // @ts-expect-error data is a union until narrowed: not every type has fromTraffic
    void stored.data.fromTraffic;
    expectTypeOf<TypedEvent["type"]>().not.toEqualTypeOf<string>();
  });
});

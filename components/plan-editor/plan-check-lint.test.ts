// The JSON view's plan-check diagnostics land on the field they name (or the object lacking it), in a real
// CodeMirror state with the JSON language (no DOM needed).
import { json } from "@codemirror/lang-json";
import { EditorState } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { stateExtensions } from "codemirror-json-schema";
import { describe, expect, it } from "vitest";
import { editorSchema } from "./editor-schema";
import { planCheckDiagnostics, planLinter } from "./plan-check-lint";

const stateOf = (plan: unknown) => EditorState.create({ doc: JSON.stringify(plan, null, 2), extensions: [json()] });
const base = { name: "Checkout", service: "checkout", version: "1.0.0" };

describe("planCheckDiagnostics", () => {
  it("puts a cross-field rule (traffic must rise) on the offending value", () => {
    const state = stateOf({ ...base, waves: [{ name: "A", trafficPercent: 50 }, { name: "B", trafficPercent: 20 }, { name: "C", trafficPercent: 100 }] });
    const diagnostics = planCheckDiagnostics(state);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(state.sliceDoc(d.from, d.to)).toBe("20");
    expect(d.message).toMatch(/rise strictly/);
    expect(d.severity).toBe("error");
  });

  it("puts a missing field on the first line of the object that lacks it, naming the field", () => {
    const state = stateOf({ ...base, waves: [{ trafficPercent: 100 }] });
    const [d] = planCheckDiagnostics(state);
    expect(d.message).toMatch(/^name: /);
    expect(state.doc.lineAt(d.from).number).toBe(state.doc.lineAt(state.doc.toString().indexOf('{\n      "trafficPercent"')).number);
    expect(state.doc.lineAt(d.to).number).toBe(state.doc.lineAt(d.from).number);
  });

  it("says nothing about a valid plan or text that is not JSON (the parse linter covers that)", () => {
    expect(planCheckDiagnostics(stateOf({ ...base, waves: [{ name: "Full", trafficPercent: 100 }] }))).toEqual([]);
    expect(planCheckDiagnostics(EditorState.create({ doc: "{ nope", extensions: [json()] }))).toEqual([]);
  });

  it("puts a problem of a whole list on the list", () => {
    const state = stateOf({ ...base, waves: [] });
    const [d] = planCheckDiagnostics(state);
    expect(d.message).toMatch(/a plan needs waves or tracks/);
    expect(state.sliceDoc(d.from, d.to)).toBe("[]");
  });
});

describe("planLinter", () => {
  const lint = (plan: unknown) => {
    const state = EditorState.create({ doc: JSON.stringify(plan, null, 2), extensions: [json(), stateExtensions(editorSchema())] });
    return planLinter()({ state } as EditorView).map((d) => ({ text: state.sliceDoc(d.from, d.to), message: d.message }));
  };

  it("reports the published schema's findings once, even where the plan check says the same", () => {
    const found = lint({ ...base, waves: [{ name: "A", trafficPercent: 50, colour: "blue" }, { name: "B", trafficPercent: "x" }] });
    expect(found.some((d) => d.text.includes("colour"))).toBe(true);
    expect(found.filter((d) => d.text === '"x"')).toHaveLength(1);
  });

  it("adds the plan check's cross-field rules, which the JSON Schema cannot say", () => {
    const found = lint({ ...base, waves: [{ name: "A", trafficPercent: 50 }, { name: "B", trafficPercent: 40 }] });
    expect(found.filter((d) => d.text === "40").map((d) => d.message)).toEqual([expect.stringMatching(/rise strictly/), expect.stringMatching(/100%/)]);
  });
});

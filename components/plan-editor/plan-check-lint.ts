// The JSON view's inline errors: the JSON Schema's findings (codemirror-json-schema) plus the plan check the server
// runs (the zod schema with its cross-field rules: rising traffic, 100% at the end, duplicates), each placed on the
// field it names, or on the nearest enclosing field when the named one is missing.
import type { Diagnostic } from "@codemirror/lint";
import { syntaxTree } from "@codemirror/language";
import type { EditorState } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { getJsonPointers, jsonSchemaLinter } from "codemirror-json-schema";
import { nearestPointer } from "@/lib/plans/edit/issue-pointer";
import { PlanSchema } from "@/lib/plans/core/plan";

export function planCheckDiagnostics(state: EditorState): Diagnostic[] {
  let raw: unknown;
  try {
    raw = JSON.parse(state.doc.toString());
  } catch {
    return []; // the JSON parse linter reports syntax errors
  }
  const parsed = PlanSchema.safeParse(raw);
  if (parsed.success) return [];
  const pointers = getJsonPointers(state, "json4"); // the library's name for plain JSON
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === "number" ? key : String(key)));
    const { pointer, exact } = nearestPointer(path, pointers);
    const at = pointers.get(pointer);
    let from = 0;
    let to = Math.min(1, state.doc.length);
    if (at) {
      // The value itself when the field exists; otherwise the key of the object that lacks it. (An object inside an
      // array is its own "key", its whole text; only a property, starting with its quoted name, has a value.)
      const value = exact && state.sliceDoc(at.keyFrom, at.keyFrom + 1) === '"' ? propertyValue(state, at.keyFrom) : null;
      if (value) {
        from = value.from;
        to = value.to;
      } else {
        from = at.keyFrom;
        to = at.keyTo;
      }
      // A missing field in a long object: underline its first line, not all of it.
      to = Math.max(from, Math.min(to, state.doc.lineAt(from).to));
    }
    const missing = exact ? "" : `${path.slice(pointer.split("/").length - 1).join(".")}: `;
    return { from, to, severity: "error", source: "plan check", message: `${missing}${issue.message}` } satisfies Diagnostic;
  });
}

/** The value node of the property whose name starts at `keyFrom` ("trafficPercent": >>30<<). */
function propertyValue(state: EditorState, keyFrom: number): { from: number; to: number } | null {
  const property = syntaxTree(state).resolveInner(keyFrom, 1).parent;
  const value = property?.name === "Property" ? property.lastChild : null;
  return value && value.name !== "PropertyName" ? { from: value.from, to: value.to } : null;
}

/**
 * codemirror-json-schema takes a property's value to be the node after its name, which with the current JSON
 * grammar is the ":" token; its findings are moved onto the value itself.
 */
function ontoValue(state: EditorState, d: Diagnostic): Diagnostic {
  if (state.sliceDoc(d.from, d.to) !== ":") return d;
  const name = syntaxTree(state).resolveInner(d.from, -1);
  const value = name.name === "PropertyName" ? propertyValue(state, name.from) : null;
  return value ? { ...d, ...value } : d;
}

const overlaps = (a: Diagnostic, b: Diagnostic) => a.from === b.from || (a.from < b.to && b.from < a.to);

/** Schema findings first; a plan-check finding on a range the schema already flagged adds nothing and is dropped. */
export function planLinter(): (view: EditorView) => Diagnostic[] {
  const schemaLint = jsonSchemaLinter();
  return (view) => {
    const fromSchema = schemaLint(view).map((d) => ontoValue(view.state, d));
    const fromCheck = planCheckDiagnostics(view.state).filter((d) => !fromSchema.some((s) => overlaps(s, d)));
    return [...fromSchema, ...fromCheck];
  };
}

// The plan editor: one plan text, two views. The form edits the parsed plan and writes the text back; the JSON view
// (CodeMirror, schema completion and inline errors) edits the text. Text that is not a JSON object cannot be shown
// as a form: switching is refused with the parser's message, and the text stays exactly as typed.
"use client";
import stringify from "json-stringify-pretty-compact";
import { type KeyboardEvent, useCallback, useMemo, useState } from "react";
import { type PlanIssue, parsePlanObject } from "../new-release/check-plan";
import { focusRing } from "../ui/Button";
import { CriticalIcon } from "../ui/icons";
import { PlanForm } from "./PlanForm";
import { PlanJsonView } from "./PlanJsonView";

type View = "form" | "json";
const VIEWS: { id: View; label: string }[] = [
  { id: "form", label: "Form" },
  { id: "json", label: "JSON" },
];

export interface PlanEditorProps {
  text: string;
  onText: (text: string) => void;
  /** The plan check's findings (path "waves.0.trafficPercent" + message), shown beside the form's fields. */
  issues: PlanIssue[];
  onSubmit: () => void;
  readOnly?: boolean;
  /** Ids of elements describing the editor (hint, check summary). */
  describedBy?: string;
  initialView?: View;
}

export function PlanEditor({ text, onText, issues, onSubmit, readOnly = false, describedBy, initialView = "form" }: PlanEditorProps) {
  const [view, setView] = useState<View>(initialView);
  const [askedForForm, setAskedForForm] = useState(false);
  const parsed = useMemo(() => parsePlanObject(text), [text]);
  // Text replaced from outside by something unreadable is shown where it can be fixed.
  const shown: View = view === "form" && !parsed.ok ? "json" : view;
  // The refusal answers one click: once the JSON reads again it is gone, and does not come back by itself.
  if (askedForForm && parsed.ok) setAskedForForm(false);
  const blockedMessage = askedForForm && !parsed.ok ? parsed.message : null;
  // Short objects stay on one line, as people write plans, so the JSON view stays readable after form edits.
  const onPlan = useCallback((next: Record<string, unknown>) => onText(stringify(next, { maxLength: 100 })), [onText]);

  function show(next: View) {
    if (next === "form" && !parsed.ok) {
      setAskedForForm(true);
      return;
    }
    setAskedForForm(false);
    setView(next);
  }

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = shown === "form" ? "json" : "form";
    show(next);
    document.getElementById(`plan-tab-${next}`)?.focus();
  }

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <div role="tablist" aria-label="Plan view" className="inline-flex self-start rounded-md border border-zinc-300 bg-zinc-100 p-0.5 dark:border-zinc-700 dark:bg-zinc-950">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`plan-tab-${v.id}`}
            data-testid={`plan-tab-${v.id}`}
            aria-selected={shown === v.id}
            aria-controls="plan-tabpanel"
            tabIndex={shown === v.id ? 0 : -1}
            onClick={() => show(v.id)}
            onKeyDown={onTabKey}
            className={`h-8 rounded px-4 text-sm font-semibold ${focusRing} ${
              shown === v.id
                ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-800 dark:text-zinc-50"
                : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {v.label}
          </button>
        ))}
      </div>
      {blockedMessage ? (
        <p role="alert" data-testid="plan-tab-blocked" className="flex items-start gap-1.5 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
          <CriticalIcon className="mt-0.5 size-4 shrink-0 text-red-700 dark:text-red-400" />
          <span className="min-w-0 break-words">
            The form needs valid JSON: {blockedMessage}. Fix it here first; your text is kept as it is.
          </span>
        </p>
      ) : null}
      <div
        role="tabpanel"
        id="plan-tabpanel"
        aria-labelledby={`plan-tab-${shown}`}
        className="min-w-0"
        onKeyDown={(e) => {
          // Enter in a form field must not submit the surrounding form (that would create the release).
          if (e.key === "Enter" && e.target instanceof HTMLInputElement) e.preventDefault();
        }}
      >
        {shown === "form" && parsed.ok ? (
          <PlanForm plan={parsed.value} onPlan={onPlan} issues={issues} readOnly={readOnly} />
        ) : (
          <PlanJsonView value={text} onChange={onText} onSubmit={onSubmit} readOnly={readOnly} label="Plan (JSON)" describedBy={describedBy} />
        )}
      </div>
    </div>
  );
}

// The form view of a plan: basics, pre-deployment checklist, waves, guardrails, rollback levels and hypercare. It
// edits the parsed plan by path (never rebuilds it from its fields), so whatever it does not show survives.
"use client";
import { type ReactNode, useMemo, useRef } from "react";
import { planVocabulary } from "@/lib/plans/edit/plan-vocabulary";
import { appendAt, insertAt, moveAt, type PlanPath, removeAt, setIn } from "@/lib/plans/edit/update-in";
import type { PlanIssue } from "../new-release/check-plan";
import { ChecklistEditor } from "./ChecklistEditor";
import { TextField } from "./FormFields";
import { GuardrailsEditor } from "./GuardrailsEditor";
import { HypercareEditor } from "./HypercareEditor";
import { type PlanFormApi, PlanFormContext, pathKey } from "./plan-form-context";
import { RollbackEditor } from "./RollbackEditor";
import { WavesEditor } from "./WavesEditor";

type Plan = Record<string, unknown>;

export function PlanForm({ plan, onPlan, issues, readOnly = false }: { plan: Plan; onPlan: (next: Plan) => void; issues: PlanIssue[]; readOnly?: boolean }) {
  // Two edits in one event must build on each other, not both on the last render's plan.
  const latest = useRef(plan);
  latest.current = plan;
  const api = useMemo<PlanFormApi>(() => {
    const edit = (change: (root: Plan) => Plan) => {
      const next = change(latest.current);
      latest.current = next;
      onPlan(next);
    };
    const byPath = new Map<string, string[]>();
    for (const issue of issues) byPath.set(issue.path, [...(byPath.get(issue.path) ?? []), issue.message]);
    return {
      plan,
      readOnly,
      set: (path, value) => edit((root) => setIn(root, path, value)),
      append: (path, item) => edit((root) => appendAt(root, path, item)),
      insert: (path, index, item) => edit((root) => insertAt(root, path, index, item)),
      remove: (path, index) => edit((root) => removeAt(root, path, index)),
      move: (path, from, to) => edit((root) => moveAt(root, path, from, to)),
      issuesAt: (path: PlanPath) => byPath.get(pathKey(path)) ?? [],
    };
  }, [plan, issues, readOnly, onPlan]);
  const vocabulary = useMemo(() => planVocabulary(plan), [plan]);

  return (
    <PlanFormContext.Provider value={api}>
      <div className="flex flex-col gap-5" data-testid="plan-form">
        <FormSection title="Release">
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            <TextField path={["name"]} label="Name" className="col-span-2" />
            <TextField path={["service"]} label="Service" />
            <TextField path={["version"]} label="Version" mono />
            <TextField path={["description"]} label="Description" optional placeholder="optional" className="col-span-2 sm:col-span-4" />
          </div>
        </FormSection>
        <FormSection title="Before start">
          <ChecklistEditor path={["preChecklist"]} title="Pre-deployment checklist" />
        </FormSection>
        <FormSection title="Waves">
          <WavesEditor />
        </FormSection>
        <FormSection title="Guardrails on every wave">
          <GuardrailsEditor path={["guardrails"]} title="Guardrails" open />
        </FormSection>
        <FormSection title="Rollback levels">
          <RollbackEditor />
        </FormSection>
        <FormSection title="Hypercare">
          <HypercareEditor />
        </FormSection>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Triggers, flags, metric sources, checks and other fields are edited in the JSON view; the form keeps them as they are.
        </p>
      </div>
      <datalist id="plan-roles">
        {vocabulary.roles.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <datalist id="plan-metrics">
        {vocabulary.metrics.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
    </PlanFormContext.Provider>
  );
}

function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">{title}</h3>
      {children}
    </section>
  );
}

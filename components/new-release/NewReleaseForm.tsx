// The new-release form: the plan editor (form and JSON views of one plan text), checked on every change with the
// server's schema, read back as waves and a schedule when it is valid, and sent to POST /api/releases. The server's
// answer (400 issues, 403) shows next to the button.
"use client";
import { useRouter } from "next/navigation";
import { useDeferredValue, useMemo, useState } from "react";
import { isApiError } from "@/lib/platform/browser/api-error";
import { useCreateRelease } from "@/lib/releases/client/use-create-release";
import { PlanEditor } from "../plan-editor/PlanEditor";
import { Button } from "../ui/Button";
import { CheckCircleIcon, CriticalIcon } from "../ui/icons";
import { Panel } from "../ui/Panel";
import { checkPlan, type PlanIssue, serverIssues } from "./check-plan";
import { BLANK_PLAN_JSON, DEMO_PLAN_JSON, EXAMPLE_PLAN_JSON } from "./example-plans";
import { PlanIssueList } from "./PlanIssueList";
import { WavePreview } from "./WavePreview";

const NO_ISSUES: PlanIssue[] = [];

export function NewReleaseForm() {
  const router = useRouter();
  const create = useCreateRelease();
  const [text, setText] = useState(EXAMPLE_PLAN_JSON);
  // Typing stays smooth on a long plan: the check and the preview follow a moment behind.
  const checkedText = useDeferredValue(text);
  const check = useMemo(() => checkPlan(checkedText), [checkedText]);
  const busy = create.isPending || create.isSuccess; // success: navigating to the new release
  const canCreate = check.ok && checkedText === text && !busy;

  // While the plan is invalid the preview keeps the last valid one (with the problems listed), instead of vanishing.
  const [lastValid, setLastValid] = useState<{ plan: Extract<typeof check, { ok: true }>["plan"]; text: string } | null>(null);
  // Only a check of the text as it is now counts (the deferred check may still be of the plan before a new start).
  if (check.ok && checkedText === text && lastValid?.text !== checkedText) setLastValid({ plan: check.plan, text: checkedText });

  function startFrom(next: string) {
    // A new start: the previous plan's preview says nothing about this one.
    setLastValid(null);
    replaceText(next);
  }

  function replaceText(next: string) {
    setText(next);
    // The server's answer was about the text it was sent; it no longer applies.
    if (create.isError) create.reset();
  }

  function submit() {
    if (!canCreate || !check.ok) return;
    create.mutate(check.raw, { onSuccess: (release) => router.push(`/releases/${encodeURIComponent(release.id)}`) });
  }

  const problems = check.ok ? 0 : check.issues.length;

  return (
    <form
      aria-label="New release"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight">New release</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Write or paste a rollout plan. It starts as a draft; nothing rolls out until a commander starts it.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="neutral" size="sm" data-testid="load-blank-plan" onClick={() => startFrom(BLANK_PLAN_JSON)} disabled={busy}>
            Blank plan
          </Button>
          <Button variant="neutral" size="sm" data-testid="load-example-plan" onClick={() => startFrom(EXAMPLE_PLAN_JSON)} disabled={busy}>
            Load example
          </Button>
          <Button variant="neutral" size="sm" data-testid="load-demo-plan" onClick={() => startFrom(DEMO_PLAN_JSON)} disabled={busy}>
            Load the demo plan
          </Button>
        </div>
      </div>

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Panel id="plan" title="Plan">
          <PlanEditor
            text={text}
            onText={replaceText}
            issues={check.ok ? NO_ISSUES : check.issues}
            onSubmit={submit}
            readOnly={busy}
            describedBy="plan-hint plan-check-summary"
          />
          <p id="plan-hint" className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
            Form and JSON edit the same plan; fields the form does not show are kept. The format is in the README (“The plan
            format”). In the JSON view, Ctrl+Space completes a field and Ctrl+Enter creates the release.
          </p>
        </Panel>

        <div className="flex flex-col gap-4 lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:overflow-y-auto">
          <Panel id="plan-check" title="Check">
            <div className="flex flex-col gap-3">
              <p id="plan-check-summary" role="status" className="flex items-center gap-1.5 text-sm font-semibold" data-testid="plan-check">
                {check.ok ? (
                  <>
                    <CheckCircleIcon className="size-4 text-emerald-700 dark:text-emerald-400" />
                    Valid plan: {check.plan.waves.length} wave{check.plan.waves.length === 1 ? "" : "s"}
                  </>
                ) : (
                  <>
                    <CriticalIcon className="size-4 text-red-700 dark:text-red-400" />
                    {problems} problem{problems === 1 ? "" : "s"} to fix
                  </>
                )}
              </p>
              {!check.ok ? <PlanIssueList issues={check.issues} testId="plan-errors" itemTestId="plan-error" /> : null}
              <CreateError error={create.error} />
              <div className="flex flex-wrap items-center gap-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
                <Button type="submit" variant="primary" data-testid="create-release" disabled={!canCreate}>
                  {busy ? "Creating…" : "Create release"}
                </Button>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {check.ok ? "Creates a draft release." : "Fix the problems above first."}
                </span>
              </div>
            </div>
          </Panel>

          <Panel id="plan-preview" title="Waves">
            {check.ok ? (
              <WavePreview plan={check.plan} />
            ) : lastValid ? (
              <div className="flex flex-col gap-3" data-testid="stale-preview">
                <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
                  <p className="font-semibold">Showing the last valid plan: {problems} problem{problems === 1 ? "" : "s"} since</p>
                  <PlanIssueList issues={check.issues} testId="preview-errors" itemTestId="preview-error" />
                </div>
                <div className="opacity-70">
                  <WavePreview plan={lastValid.plan} />
                </div>
              </div>
            ) : (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">The waves show here once the plan is valid.</p>
            )}
          </Panel>
        </div>
      </div>
    </form>
  );
}

/** The server's refusal in its own words: the plan's issues for a 400, "Admins only" for a 403. */
function CreateError({ error }: { error: Error | null }) {
  if (!error) return null;
  const forbidden = isApiError(error) && error.status === 403;
  const issues = isApiError(error) && error.status === 400 ? serverIssues(error.details) : [];
  return (
    <div
      role="alert"
      data-testid="create-error"
      className="flex flex-col gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      <p className="flex items-start gap-1.5 font-semibold">
        <CriticalIcon className="mt-0.5 size-4 text-red-700 dark:text-red-400" />
        <span className="min-w-0 break-words">
          {forbidden
            ? "Admins only: your account may not create releases."
            : issues.length
              ? `The server refused the plan (${issues.length} problem${issues.length === 1 ? "" : "s"}):`
              : error.message}
        </span>
      </p>
      {issues.length ? <PlanIssueList issues={issues} testId="create-error-issues" itemTestId="create-error-issue" /> : null}
    </div>
  );
}

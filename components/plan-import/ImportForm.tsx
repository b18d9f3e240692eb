// Import a Markdown rollout document: paste or pick a file, read it on the server (nothing written), then review the
// document and the draft plan side by side, answer the questions, see what was not mapped, and create the release.
"use client";
import { useRouter } from "next/navigation";
import stringify from "json-stringify-pretty-compact";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { isApiError } from "@/lib/platform/browser/api-error";
import { useCreateRelease } from "@/lib/releases/client/use-create-release";
import { useImportPlan } from "@/lib/plans/client/use-import-plan";
import { applyAnswers, unansweredBlocking } from "@/lib/plans/import/apply-answers";
import type { ImportResult, LineRange } from "@/lib/plans/import/types";
import { PlanSchema } from "@/lib/plans/core/plan";
import { Button, focusRing } from "../ui/Button";
import { CheckCircleIcon, CriticalIcon } from "../ui/icons";
import { checkPlan, type PlanIssue } from "../new-release/check-plan";
import { PlanIssueList } from "../new-release/PlanIssueList";
import { PlanTimeline } from "../new-release/PlanTimeline";
import { PlanEditor } from "../plan-editor/PlanEditor";
import { Panel } from "../ui/Panel";
import { DraftPlan } from "./DraftPlan";
import { QuestionList } from "./QuestionList";
import { SourceDocument } from "./SourceDocument";

const textareaClass = `block min-h-[20rem] w-full resize-y rounded-md border border-zinc-300 bg-zinc-50 p-3 font-mono text-xs leading-5 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 ${focusRing}`;

export function ImportForm() {
  const [markdown, setMarkdown] = useState("");
  const read = useImportPlan();
  const [result, setResult] = useState<{ markdown: string; data: ImportResult } | null>(null);

  function submit() {
    if (!markdown.trim()) return;
    read.mutate(markdown, { onSuccess: (data) => setResult({ markdown, data }) });
  }

  if (result) return <ImportReview key={result.data.normalized} markdown={result.markdown} result={result.data} onBack={() => setResult(null)} />;

  return (
    <form
      aria-label="Import a plan"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Import a rollout plan</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Paste the Markdown document your team wrote, or pick the file. Nothing is created until you confirm.
        </p>
      </div>
      <Panel id="markdown" title="Markdown document">
        <textarea
          data-testid="markdown-input"
          aria-labelledby="markdown-title"
          value={markdown}
          onChange={(e) => setMarkdown(e.target.value)}
          spellCheck={false}
          placeholder="# Rollout plan&#10;&#10;## Wave 1: Canary (Day 1, 10% traffic)&#10;**Duration:** 24 hours"
          className={textareaClass}
        />
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" data-testid="read-plan" disabled={!markdown.trim() || read.isPending}>
            {read.isPending ? "Reading…" : "Read plan"}
          </Button>
          <label className="text-sm">
            <span className="sr-only">Markdown file</span>
            <input
              type="file"
              accept=".md,.markdown,text/markdown,text/plain"
              data-testid="markdown-file"
              className="text-sm file:mr-2 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-zinc-700 dark:file:bg-zinc-900 dark:file:text-zinc-100"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) setMarkdown(await file.text());
              }}
            />
          </label>
        </div>
        {read.error ? (
          <p role="alert" data-testid="import-error" className="mt-3 flex items-start gap-1.5 text-sm text-red-800 dark:text-red-300">
            <CriticalIcon className="mt-0.5 size-4 shrink-0" />
            {read.error.message}
          </p>
        ) : null}
      </Panel>
    </form>
  );
}

const NO_ISSUES: PlanIssue[] = [];

/** "4 waves", or for a programme "3 tracks" (once the plan schema knows tracks). */
function readyCount(plan: unknown): string {
  const { tracks, waves } = plan as { tracks?: unknown[]; waves?: unknown[] };
  return tracks ? `${tracks.length} tracks` : `${waves?.length ?? 0} waves`;
}

function ImportReview({ markdown, result, onBack }: { markdown: string; result: ImportResult; onBack: () => void }) {
  const router = useRouter();
  const create = useCreateRelease();
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [highlight, setHighlight] = useState<LineRange | null>(null);
  const lines = useMemo(() => result.normalized.split("\n"), [result.normalized]);
  const unmappedLines = useMemo(() => {
    const set = new Set<number>();
    for (const u of result.unmapped) for (let n = u.fromLine; n <= u.toLine; n++) set.add(n);
    return set;
  }, [result.unmapped]);
  const answered = useMemo(() => applyAnswers(result.plan, result.questions, answers), [result, answers]);
  // Editing the draft directly: the plan editor's text replaces the answers as the plan's source of truth, and the
  // gate is the plan check alone (whoever edits the plan has seen every field the questions were about).
  const [editedText, setEditedText] = useState<string | null>(null);
  const deferredText = useDeferredValue(editedText);
  const edited = useMemo(() => (deferredText === null ? null : checkPlan(deferredText)), [deferredText]);
  const plan = useMemo(() => (edited?.ok ? (edited.raw as Record<string, unknown>) : answered), [edited, answered]);
  const check = useMemo(() => PlanSchema.safeParse(plan), [plan]);
  const open = editedText === null ? unansweredBlocking(result.questions, answers) : [];
  const busy = create.isPending || create.isSuccess;
  const editedReady = editedText === null || (edited?.ok === true && deferredText === editedText);
  const canCreate = open.length === 0 && check.success && editedReady && !busy;
  const editorIssues: PlanIssue[] = edited && !edited.ok ? edited.issues : NO_ISSUES;

  const onField = useCallback(
    (field: string) => {
      // The field's own lines, else its nearest parent's (a wave's name for the wave).
      let f = field;
      while (f) {
        const s = result.sources[f];
        if (s) return setHighlight(s);
        f = f.replace(/(\.[^.[]+|\[\d+\])$/, "");
      }
    },
    [result.sources],
  );

  function createRelease() {
    if (!canCreate) return;
    create.mutate({ plan, source: { format: "markdown", markdown } }, { onSuccess: (r) => router.push(`/releases/${encodeURIComponent(r.id)}`) });
  }

  return (
    <div className="flex flex-col gap-4" data-testid="import-review">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight">Review the imported plan</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Point at a field to see where it came from.
            {result.repairedCharacters > 0 ? ` ${result.repairedCharacters} garbled characters were repaired.` : ""}
          </p>
        </div>
        <Button variant="neutral" size="sm" onClick={onBack} disabled={busy}>
          Edit the document
        </Button>
      </div>

      <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="lg:sticky lg:top-16">
          <Panel id="document" title={`Document · ${lines.length} lines`}>
            <SourceDocument lines={lines} highlight={highlight} unmapped={unmappedLines} />
          </Panel>
        </div>

        <div className="flex min-w-0 flex-col gap-4">
          <Panel id="create" title="Create">
            <div className="flex flex-col gap-2">
              <p role="status" data-testid="import-status" className="flex items-center gap-1.5 text-sm font-semibold">
                {open.length > 0 ? (
                  <>
                    <CriticalIcon className="size-4 text-amber-600 dark:text-amber-400" />
                    {open.length} question{open.length === 1 ? "" : "s"} to answer first
                  </>
                ) : editedText !== null && edited && !edited.ok ? (
                  <>
                    <CriticalIcon className="size-4 text-red-700 dark:text-red-400" />
                    {edited.issues.length} problem{edited.issues.length === 1 ? "" : "s"} in the edited plan
                  </>
                ) : check.success ? (
                  <>
                    <CheckCircleIcon className="size-4 text-emerald-700 dark:text-emerald-400" />
                    Ready: {readyCount(check.data)}, {check.data.guardrails.length} guardrails
                  </>
                ) : (
                  <>
                    <CriticalIcon className="size-4 text-red-700 dark:text-red-400" />
                    {check.error.issues[0]?.message}
                  </>
                )}
              </p>
              {create.error ? (
                <p role="alert" data-testid="create-error" className="text-sm text-red-800 dark:text-red-300">
                  {create.error.message}
                  {isApiError(create.error) && create.error.code ? ` (${create.error.code})` : ""}
                </p>
              ) : null}
              <div>
                <Button variant="primary" data-testid="create-release" disabled={!canCreate} onClick={createRelease}>
                  {busy ? "Creating…" : "Create release"}
                </Button>
              </div>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                Creates a draft release and keeps this document with it, unmapped sections included.
              </p>
            </div>
          </Panel>

          {editedText === null ? (
            <>
              <Panel id="questions" title={`Questions · ${result.questions.length}`}>
                <QuestionList
                  questions={result.questions}
                  answers={answers}
                  onAnswer={(id, value) => setAnswers((a) => ({ ...a, [id]: value }))}
                  onSource={setHighlight}
                />
              </Panel>

              <Panel id="draft" title="Draft plan">
                <div className="mb-3">
                  <Button variant="neutral" size="sm" data-testid="edit-draft" disabled={busy} onClick={() => setEditedText(stringify(answered, { maxLength: 100 }))}>
                    Edit in the plan editor
                  </Button>
                  <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">Opens the draft, with your answers so far, to edit any field directly.</span>
                </div>
                <DraftPlan plan={plan} onField={onField} />
              </Panel>
            </>
          ) : (
            <Panel id="plan-editor" title="Plan editor">
              <div className="mb-3 flex flex-wrap items-center gap-2">
                <Button variant="neutral" size="sm" data-testid="back-to-questions" disabled={busy} onClick={() => setEditedText(null)}>
                  Discard edits, back to the questions
                </Button>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">The edited plan is what the release is created from.</span>
              </div>
              <PlanEditor text={editedText} onText={setEditedText} issues={editorIssues} onSubmit={createRelease} readOnly={busy} />
              {edited && !edited.ok ? (
                <div className="mt-3">
                  <PlanIssueList issues={edited.issues} testId="edited-plan-errors" itemTestId="edited-plan-error" />
                </div>
              ) : null}
            </Panel>
          )}

          {check.success ? (
            <Panel id="schedule" title="Schedule">
              <PlanTimeline plan={check.data} />
            </Panel>
          ) : null}

          <Panel id="unmapped" title={`Not mapped · ${result.unmapped.length}`}>
            {result.unmapped.length === 0 ? (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">Every section went into the plan.</p>
            ) : (
              <>
                <p className="mb-2 text-xs text-zinc-500 dark:text-zinc-400">Kept with the release as part of its source document.</p>
                <ul className="flex flex-col gap-1" data-testid="unmapped">
                  {result.unmapped.map((u) => (
                    <li key={`${u.fromLine}-${u.heading}`}>
                      <button
                        type="button"
                        className={`w-full rounded px-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}
                        onClick={() => setHighlight(u)}
                        onMouseEnter={() => setHighlight(u)}
                      >
                        {u.heading} <span className="text-xs text-zinc-500 dark:text-zinc-400">lines {u.fromLine}-{u.toLine}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}

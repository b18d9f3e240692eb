// Lessons learned and action items: written by the team after (or during) the rollout, every change audited.
"use client";
import { useEffect, useState } from "react";
import { isApiError } from "@/lib/platform/browser/api-error";
import { useReportEdits } from "@/lib/reports/client/use-report-edits";
import type { Report } from "@/lib/reports/core/build-report";
import { Button } from "../ui/Button";
import { inputClass } from "../ui/field-styles";
import { InlineError } from "../ui/InlineError";

const conflictText = (e: Error | null) =>
  !e ? null : isApiError(e, "version_conflict") ? "Someone else changed this first; the page now shows their version. Edit again." : e.message;

export function LessonsSection({ report, canWrite, className }: { report: Report; canWrite: boolean; className: string }) {
  const edits = useReportEdits(report.releaseId);
  const saved = report.lessons?.text ?? "";
  const [text, setText] = useState(saved);
  const [item, setItem] = useState({ text: "", owner: "", dueDate: "" });
  useEffect(() => setText(saved), [saved]);
  return (
    <section className={className} aria-label="Lessons learned" data-testid="report-lessons">
      <h2 className="mb-3 text-base font-bold">Lessons learned</h2>
      {canWrite ? (
        <div className="flex flex-col gap-2 print:hidden">
          <textarea className={`${inputClass} h-28`} value={text} onChange={(e) => setText(e.target.value)} maxLength={20000} aria-label="Lessons learned" data-testid="lessons-text" />
          <div className="flex items-center gap-2">
            <Button
              size="sm"
              variant="primary"
              disabled={text === saved || edits.lessons.isPending}
              onClick={() => edits.lessons.mutate({ text, expectedVersion: report.lessons?.version ?? 0 })}
              data-testid="lessons-save"
            >
              Save lessons
            </Button>
            {report.lessons ? <span className="text-xs text-zinc-500">Last edited by {report.lessons.updatedBy}</span> : null}
          </div>
          {conflictText(edits.lessons.error) ? <InlineError message={conflictText(edits.lessons.error)!} testId="lessons-error" /> : null}
        </div>
      ) : null}
      <p className={`text-sm whitespace-pre-wrap break-words ${canWrite ? "hidden print:block" : ""}`}>{saved || "Not written yet."}</p>

      <h3 className="mt-4 mb-2 text-sm font-bold">Action items</h3>
      {report.actionItems.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">None yet.</p> : null}
      <ul className="flex flex-col gap-1 text-sm">
        {report.actionItems.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2 print:break-inside-avoid" data-testid="action-item" data-done={String(a.done)}>
            <input
              type="checkbox"
              checked={a.done}
              disabled={!canWrite}
              aria-label={`Done: ${a.text}`}
              onChange={(e) => edits.updateItem.mutate({ id: a.id, expectedVersion: a.version, done: e.target.checked })}
            />
            <span className={`min-w-0 flex-1 break-words ${a.done ? "line-through" : ""}`}>{a.text}</span>
            <span className="text-zinc-600 dark:text-zinc-400">
              {a.owner}
              {a.dueDate ? ` · due ${a.dueDate}` : ""}
            </span>
            {canWrite ? (
              <Button size="sm" variant="ghost" className="print:hidden" onClick={() => edits.removeItem.mutate(a.id)} aria-label={`Remove ${a.text}`}>
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form
          className="mt-3 grid gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_10rem_auto] print:hidden"
          onSubmit={(e) => {
            e.preventDefault();
            edits.addItem.mutate({ text: item.text, owner: item.owner, dueDate: item.dueDate || null }, { onSuccess: () => setItem({ text: "", owner: "", dueDate: "" }) });
          }}
        >
          <input className={inputClass} placeholder="What to do" value={item.text} onChange={(e) => setItem({ ...item, text: e.target.value })} required maxLength={500} aria-label="Action item" data-testid="action-text" />
          <input className={inputClass} placeholder="Owner" value={item.owner} onChange={(e) => setItem({ ...item, owner: e.target.value })} required maxLength={200} aria-label="Owner" data-testid="action-owner" />
          <input className={inputClass} type="date" value={item.dueDate} onChange={(e) => setItem({ ...item, dueDate: e.target.value })} aria-label="Due date" data-testid="action-due" />
          <Button type="submit" size="md" disabled={edits.addItem.isPending} data-testid="action-add">
            Add
          </Button>
        </form>
      ) : null}
      {conflictText(edits.addItem.error ?? edits.updateItem.error ?? edits.removeItem.error) ? (
        <InlineError message={conflictText(edits.addItem.error ?? edits.updateItem.error ?? edits.removeItem.error)!} testId="action-error" />
      ) : null}
    </section>
  );
}

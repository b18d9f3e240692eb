// Problems with a plan, one per line: where in words ("Wave 1 › guardrail 2"), the field path, and the message.
import { humanPlanPath } from "@/lib/plans/client/plan-path";
import type { PlanIssue } from "./check-plan";

export function PlanIssueList({ issues, testId, itemTestId, id }: { issues: PlanIssue[]; testId: string; itemTestId: string; id?: string }) {
  return (
    <ul id={id} data-testid={testId} className="flex flex-col gap-1 text-sm">
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${i}`} data-testid={itemTestId} className="flex min-w-0 items-baseline gap-2 break-words">
          <span aria-hidden="true" className="size-1.5 shrink-0 translate-y-[-0.1em] rounded-full bg-red-600 dark:bg-red-400" />
          <span className="min-w-0">
            {/^[a-zA-Z]/.test(issue.path) ? <span className="font-semibold text-zinc-900 dark:text-zinc-100">{humanPlanPath(issue.path)} </span> : null}
            <code className="rounded bg-zinc-100 px-1 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">{issue.path}</code>
            <span className="text-zinc-500 dark:text-zinc-400">: </span>
            <span className="text-zinc-800 dark:text-zinc-200">{issue.message}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

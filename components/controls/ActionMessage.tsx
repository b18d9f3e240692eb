// What came of the last action: the refusal in plain words (who acted first, which gates), or a quiet "done".
import type { ActionErrorText } from "@/lib/releases/client/describe-action-error";
import { focusRing } from "../ui/Button";
import { CheckCircleIcon, CloseIcon, CriticalIcon } from "../ui/icons";

export function ActionError({ error, onDismiss }: { error: ActionErrorText; onDismiss: () => void }) {
  return (
    <div
      data-testid="action-error"
      role="alert"
      className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      <CriticalIcon className="mt-0.5 size-4 text-red-700 dark:text-red-400" />
      <div className="min-w-0 flex-1">
        <p className="font-semibold break-words">{error.title}</p>
        {error.lines.length ? (
          <ul className="mt-1 list-disc pl-5">
            {error.lines.map((l, i) => (
              <li key={i} className="break-words">
                {l}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <button type="button" onClick={onDismiss} aria-label="Dismiss" className={`rounded p-0.5 hover:bg-red-100 dark:hover:bg-red-900 ${focusRing}`}>
        <CloseIcon className="size-4" />
      </button>
    </div>
  );
}

export function ActionDone({ text }: { text: string }) {
  return (
    <p
      data-testid="action-result"
      role="status"
      className="flex items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200"
    >
      <CheckCircleIcon className="size-4" />
      {text}
    </p>
  );
}

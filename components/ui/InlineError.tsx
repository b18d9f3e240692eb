// A refusal from the server next to the form, row or control that caused it, in the server's own words.
import { CriticalIcon } from "./icons";

export function InlineError({ message, testId }: { message: string; testId: string }) {
  return (
    <p
      role="alert"
      data-testid={testId}
      className="flex items-start gap-1.5 rounded-md border border-red-300 bg-red-50 px-2.5 py-1.5 text-xs text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      <CriticalIcon className="mt-px size-3.5 text-red-700 dark:text-red-400" />
      <span className="min-w-0 break-words">{message}</span>
    </p>
  );
}

// A list that could not be loaded: the server's words and a way to try again.
import { Button } from "../ui/Button";
import { InlineError } from "../ui/InlineError";

export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <InlineError message={message} testId="admin-error" />
      <Button size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}

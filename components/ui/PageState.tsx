// Loading, not-found and error states for whole screens, so no page ever renders half a board.
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "./Button";

export function PageLoading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex min-h-[40vh] items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">
      {label}
    </div>
  );
}

export function PageProblem({ title, children, onRetry }: { title: string; children?: ReactNode; onRetry?: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-start gap-3 py-16">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children ? <div className="text-sm text-zinc-600 dark:text-zinc-400">{children}</div> : null}
      <div className="flex gap-2">
        {onRetry ? (
          <Button onClick={onRetry} variant="primary">
            Try again
          </Button>
        ) : null}
        <Link href="/" className="inline-flex h-10 items-center rounded-md px-3 text-sm font-semibold text-sky-700 underline dark:text-sky-400">
          All releases
        </Link>
      </div>
    </div>
  );
}

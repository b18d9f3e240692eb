// A webhook endpoint's signing secret, shown once (at creation or rotation): receivers verify signatures with it.
"use client";
import { useEffect, useRef } from "react";
import { Button } from "../ui/Button";
import { WarningIcon } from "../ui/icons";

export function WebhookSecret({ secret, url, rotated, onDismiss }: { secret: string; url: string; rotated: boolean; onDismiss: () => void }) {
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => boxRef.current?.focus(), []);
  return (
    <div
      ref={boxRef}
      tabIndex={-1}
      role="region"
      aria-labelledby="webhook-secret-title"
      data-testid="webhook-secret-box"
      className="rounded-md border-2 border-amber-400 bg-amber-50 p-3 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-amber-600 dark:bg-amber-950/30"
    >
      <p id="webhook-secret-title" className="flex items-start gap-2 text-sm font-bold text-amber-950 dark:text-amber-100">
        <WarningIcon className="mt-0.5 size-4" />
        Copy this signing secret now. It is shown only once.
      </p>
      <p className="mt-1 text-xs text-amber-950/80 dark:text-amber-100/80">
        The receiver at <span className="break-all">{url}</span> verifies the <code>webhook-signature</code> header with it (Standard Webhooks).
        {rotated ? " The previous secret keeps signing beside it for 24 hours, so the receiver can switch without missing a delivery." : ""}
      </p>
      <code
        data-testid="webhook-secret"
        className="mt-2 block rounded border border-amber-300 bg-white px-2.5 py-2 font-mono text-sm break-all select-all dark:border-amber-800 dark:bg-zinc-950"
      >
        {secret}
      </code>
      <div className="mt-2 flex justify-end">
        <Button size="sm" onClick={onDismiss}>
          I have stored it, hide it
        </Button>
      </div>
    </div>
  );
}

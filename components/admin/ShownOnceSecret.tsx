// A secret the server shows exactly once (an API token, a webhook signing secret): it keeps only a hash or never
// shows it again. Focus lands here, the secret can be copied with one click, and the box stays until dismissed.
"use client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Button } from "../ui/Button";
import { CheckCircleIcon, ClipboardIcon, WarningIcon } from "../ui/icons";

async function copyText(text: string, fallbackEl: HTMLElement | null): Promise<boolean> {
  try {
    // The Clipboard API needs a secure context (https or localhost).
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to selecting the text.
  }
  if (!fallbackEl) return false;
  const range = document.createRange();
  range.selectNodeContents(fallbackEl);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  return document.execCommand("copy");
}

export function ShownOnceSecret({
  kind,
  title,
  secret,
  children,
  onDismiss,
}: {
  /** Names the test ids (`<kind>-secret-box`, `<kind>-secret`, `<kind>-copy`, `<kind>-secret-dismiss`) and the noun. */
  kind: "token" | "webhook";
  title: string;
  secret: string;
  /** What the secret is for and what to do if it is lost. */
  children: ReactNode;
  onDismiss: () => void;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const titleId = `${kind}-secret-title`;

  // Move focus here so keyboard and screen-reader users land on the secret they must copy now.
  useEffect(() => boxRef.current?.focus(), []);

  return (
    <div
      ref={boxRef}
      tabIndex={-1}
      role="region"
      aria-labelledby={titleId}
      data-testid={`${kind}-secret-box`}
      className="rounded-md border-2 border-amber-400 bg-amber-50 p-3 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-amber-600 dark:bg-amber-950/30"
    >
      <p id={titleId} className="flex items-start gap-2 text-sm font-bold text-amber-950 dark:text-amber-100">
        <WarningIcon className="mt-0.5 size-4" />
        {title}
      </p>
      <p className="mt-1 text-xs text-amber-950/80 dark:text-amber-100/80">{children}</p>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          ref={codeRef}
          data-testid={`${kind}-secret`}
          className="min-w-0 flex-1 rounded border border-amber-300 bg-white px-2.5 py-2 font-mono text-sm break-all select-all dark:border-amber-800 dark:bg-zinc-950"
        >
          {secret}
        </code>
        <Button size="sm" variant="primary" data-testid={`${kind}-copy`} onClick={async () => setCopied((await copyText(secret, codeRef.current)) ? "yes" : "failed")}>
          {copied === "yes" ? <CheckCircleIcon /> : <ClipboardIcon />}
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p role="status" className="mt-1 min-h-[1rem] text-xs text-amber-950/80 dark:text-amber-100/80">
        {copied === "failed" ? "Copying did not work here: select the text and copy it by hand." : copied === "yes" ? "Copied to the clipboard." : ""}
      </p>
      <div className="mt-1 flex justify-end">
        <Button size="sm" variant="neutral" onClick={onDismiss} data-testid={`${kind}-secret-dismiss`}>
          I have stored it, hide it
        </Button>
      </div>
    </div>
  );
}

// A webhook endpoint's signing secret, shown once (at creation or rotation): receivers verify signatures with it.
"use client";
import { ShownOnceSecret } from "./ShownOnceSecret";

export function WebhookSecret({ secret, url, rotated, onDismiss }: { secret: string; url: string; rotated: boolean; onDismiss: () => void }) {
  return (
    <ShownOnceSecret kind="webhook" title="Copy this signing secret now. It is shown only once." secret={secret} onDismiss={onDismiss}>
      The receiver at <span className="break-all">{url}</span> verifies the <code>webhook-signature</code> header with it (Standard Webhooks).
      {rotated ? " The previous secret keeps signing beside it for 24 hours, so the receiver can switch without missing a delivery." : ""}
    </ShownOnceSecret>
  );
}

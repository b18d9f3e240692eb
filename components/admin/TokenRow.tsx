// One API token: name, scope, who made it and when, when it was last used, and whether it still works.
"use client";
import { useState } from "react";
import { formatAgo, formatClock } from "@/lib/platform/browser/format-time";
import type { ApiTokenView } from "@/lib/auth/client/use-api-tokens";
import { CheckCircleIcon, CloseIcon } from "../ui/icons";
import { cellClass, phoneLabel, rowButtonDanger } from "./admin-styles";
import { RevokeTokenDialog } from "./RevokeTokenDialog";

function When({ at }: { at: string }) {
  return (
    <time dateTime={at} title={new Date(at).toLocaleString()} className="tabular-nums">
      {formatClock(at)}
    </time>
  );
}

export function TokenRow({ token, scope, now }: { token: ApiTokenView; scope: string; now: number }) {
  const [revoking, setRevoking] = useState(false);
  const revoked = token.revokedAt !== null;
  const expired = !revoked && token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
  return (
    <tr
      data-testid="token-row"
      data-token-id={token.id}
      data-revoked={revoked}
      className={`border-t border-zinc-200 dark:border-zinc-800 max-md:block max-md:py-2 ${revoked ? "text-zinc-500 dark:text-zinc-500" : ""}`}
    >
      <td className={`${cellClass} font-semibold break-words ${revoked ? "line-through decoration-zinc-400" : ""}`}>
        {token.name}
        {token.kind === "sdk" ? (
          <span data-testid="token-kind-sdk" className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-800 dark:bg-sky-950 dark:text-sky-200">
            SDK key
          </span>
        ) : (
          <span data-testid="token-scopes" className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200">
            {token.scopes.join(" + ") || "no scopes"}
          </span>
        )}
      </td>
      <td className={cellClass}>
        <span className={phoneLabel}>Scope: </span>
        {token.releaseId ? scope : token.service ? `Service ${token.service}` : <span className="font-medium">All releases</span>}
      </td>
      <td className={`${cellClass} text-xs`}>
        <span className={phoneLabel}>Created: </span>
        <span className="break-all">{token.createdBy}</span> · <When at={token.createdAt} />
      </td>
      <td className={`${cellClass} text-xs`}>
        <span className={phoneLabel}>Last used: </span>
        {token.lastUsedAt ? (
          <span title={new Date(token.lastUsedAt).toLocaleString()}>{formatAgo(token.lastUsedAt, now)}</span>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">never</span>
        )}
      </td>
      <td className={`${cellClass} text-xs`}>
        <span className={phoneLabel}>Status: </span>
        {revoked ? (
          <span className="inline-flex items-center gap-1 font-semibold text-red-800 dark:text-red-300">
            <CloseIcon className="size-3.5" />
            Revoked <When at={token.revokedAt!} />
          </span>
        ) : expired ? (
          <span data-testid="token-expired" className="inline-flex items-center gap-1 font-semibold text-amber-900 dark:text-amber-200">
            <CloseIcon className="size-3.5" />
            Expired <When at={token.expiresAt!} />
          </span>
        ) : (
          <span className="inline-flex flex-wrap items-center gap-1 font-semibold text-emerald-800 dark:text-emerald-300">
            <CheckCircleIcon className="size-3.5" />
            Active
            {token.expiresAt ? (
              <span className="font-normal text-zinc-600 dark:text-zinc-400">
                · expires <time dateTime={token.expiresAt} title={new Date(token.expiresAt).toLocaleString()}>{new Date(token.expiresAt).toLocaleDateString()}</time>
              </span>
            ) : null}
          </span>
        )}
      </td>
      <td className={`${cellClass} text-right max-md:pt-1.5 max-md:text-left`}>
        {revoked ? null : (
          <button type="button" className={rowButtonDanger} data-testid="token-revoke" aria-label={`Revoke ${token.name}`} onClick={() => setRevoking(true)}>
            Revoke…
          </button>
        )}
        {revoking ? <RevokeTokenDialog token={token} scope={token.releaseId ? scope : "all releases"} onClose={() => setRevoking(false)} /> : null}
      </td>
    </tr>
  );
}

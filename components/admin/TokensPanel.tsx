// API tokens for machines (metrics ingestion, reading): create one (its secret shown once), see them all, revoke.
"use client";
import { useState } from "react";
import type { ReleaseSummary } from "@/lib/releases/client/types";
import { useApiTokens } from "@/lib/auth/client/use-api-tokens";
import type { CreatedApiToken } from "@/lib/auth/client/use-create-api-token";
import { useNow } from "@/lib/platform/browser/use-now";
import { Panel } from "../ui/Panel";
import { CreateTokenForm } from "./CreateTokenForm";
import { LoadError } from "./LoadError";
import { TokenRow } from "./TokenRow";
import { TokenSecret } from "./TokenSecret";

const th = "px-3 pb-2 text-left text-[11px] font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400";

export function TokensPanel({ releases }: { releases: ReleaseSummary[] }) {
  const tokens = useApiTokens();
  const now = useNow(30_000);
  const [created, setCreated] = useState<{ token: CreatedApiToken; scope: string } | null>(null);
  const scopeOf = (releaseId: string | null) =>
    releaseId === null ? "All releases" : (releases.find((r) => r.id === releaseId)?.name ?? `release ${releaseId}`);
  const active = tokens.data?.filter((t) => !t.revokedAt).length ?? 0;

  return (
    <Panel
      title="API tokens"
      id="tokens"
      actions={tokens.data ? <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{active} active</span> : null}
    >
      <div className="flex flex-col gap-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Machines use a token to send metrics, to read, or (pipeline tokens) to create releases and move them through their
          waves, for one release, one service or all. A token can never tick checklists, sign off or override a gate.
        </p>
        <CreateTokenForm releases={releases} onCreated={(token, scope) => setCreated({ token, scope })} />
        {created ? <TokenSecret key={created.token.id} created={created.token} scope={created.scope} onDismiss={() => setCreated(null)} /> : null}

        {tokens.isPending ? (
          <p role="status" className="text-sm text-zinc-500">
            Loading tokens…
          </p>
        ) : tokens.isError ? (
          <LoadError message={tokens.error.message} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.length === 0 ? (
          <p className="rounded-md border border-dashed border-zinc-300 p-4 text-center text-sm text-zinc-500 dark:border-zinc-700">
            No tokens yet.
          </p>
        ) : (
          <div className="overflow-x-auto max-md:overflow-visible">
            <table className="w-full border-collapse text-sm max-md:block">
              <caption className="sr-only">API tokens</caption>
              <thead className="max-md:sr-only">
                <tr>
                  <th scope="col" className={th}>Name</th>
                  <th scope="col" className={th}>Scope</th>
                  <th scope="col" className={th}>Created</th>
                  <th scope="col" className={th}>Last used</th>
                  <th scope="col" className={th}>Status</th>
                  <th scope="col" className={th}>
                    <span className="sr-only">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody className="max-md:block">
                {tokens.data.map((t) => (
                  <TokenRow key={t.id} token={t} scope={scopeOf(t.releaseId)} now={now} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Panel>
  );
}

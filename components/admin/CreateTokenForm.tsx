// Name a new token (an API token, or an SDK key that only evaluates flags) and, optionally, limit it to one release.
"use client";
import { useId, useState } from "react";
import type { ReleaseSummary } from "@/lib/client/types";
import { useCreateApiToken, type CreatedApiToken } from "@/lib/client/use-create-api-token";
import { Button } from "../ui/Button";
import { InlineError } from "../ui/InlineError";
import { fieldClass, labelClass } from "./admin-styles";

export function CreateTokenForm({
  releases,
  onCreated,
}: {
  releases: ReleaseSummary[];
  onCreated: (created: CreatedApiToken, scope: string) => void;
}) {
  const create = useCreateApiToken();
  const [name, setName] = useState("");
  const [releaseId, setReleaseId] = useState("");
  const [kind, setKind] = useState<"api" | "sdk">("api");
  const nameId = useId();
  const kindId = useId();
  const scopeId = useId();

  return (
    <form
      aria-label="Create an API token"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim() || create.isPending) return;
        const scope = releases.find((r) => r.id === releaseId)?.name ?? "all releases";
        create.mutate(
          { name, kind, releaseId: releaseId || undefined },
          {
            onSuccess: (created) => {
              setName("");
              onCreated(created, scope);
            },
          },
        );
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-[12rem] flex-1 flex-col gap-1">
          <label htmlFor={nameId} className={labelClass}>
            Token name
          </label>
          <input
            id={nameId}
            data-testid="token-create-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            required
            autoComplete="off"
            placeholder="e.g. ci-metrics-production"
            className={fieldClass}
          />
        </div>
        <div className="flex min-w-[10rem] flex-col gap-1">
          <label htmlFor={kindId} className={labelClass}>
            Kind
          </label>
          <select id={kindId} data-testid="token-create-kind" value={kind} onChange={(e) => setKind(e.target.value as "api" | "sdk")} className={fieldClass}>
            <option value="api">API token (read, metrics)</option>
            <option value="sdk">SDK key (flags only)</option>
          </select>
        </div>
        <div className="flex min-w-[12rem] flex-1 flex-col gap-1">
          <label htmlFor={scopeId} className={labelClass}>
            Scope
          </label>
          <select id={scopeId} data-testid="token-create-release" value={releaseId} onChange={(e) => setReleaseId(e.target.value)} className={fieldClass}>
            <option value="">All releases</option>
            {releases.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.service} {r.serviceVersion})
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="primary" size="sm" className="h-9" data-testid="token-create-submit" disabled={!name.trim() || create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </div>
      {create.isError ? <InlineError message={create.error.message} testId="admin-error" /> : null}
    </form>
  );
}

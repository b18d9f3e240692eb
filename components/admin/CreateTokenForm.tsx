// Name a new token, choose what it may do (its scopes), and optionally limit it to one release or one service.
"use client";
import { useId, useState } from "react";
import type { ReleaseSummary } from "@/lib/releases/client/types";
import type { TokenScope } from "@/lib/auth/core/token-scopes";
import { useCreateApiToken, type CreatedApiToken } from "@/lib/auth/client/use-create-api-token";
import { Button } from "../ui/Button";
import { InlineError } from "../ui/InlineError";
import { fieldClass, labelClass } from "./admin-styles";

/** The kinds of token people ask for, as scopes (README "API tokens and scopes"). */
const KINDS: { id: string; label: string; scopes: TokenScope[] }[] = [
  { id: "api", label: "API token (read, push metrics)", scopes: ["ingest", "read"] },
  { id: "read", label: "Read-only (dashboards, CLI status and watch)", scopes: ["read"] },
  { id: "pipeline", label: "Pipeline (create and steer releases)", scopes: ["pipeline"] },
  { id: "controller", label: "Controller (Flagger or Argo Rollouts asks the go/no-go)", scopes: ["controller"] },
  { id: "sdk", label: "SDK key (flags only)", scopes: ["sdk"] },
];

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
  const [kind, setKind] = useState("api");
  const [service, setService] = useState("");
  const [expiresInDays, setExpiresInDays] = useState("");
  const expiresId = useId();
  const nameId = useId();
  const kindId = useId();
  const scopeId = useId();
  const serviceId = useId();

  return (
    <form
      aria-label="Create an API token"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim() || create.isPending) return;
        const limitedToService = service.trim();
        const scope = limitedToService ? `service ${limitedToService}` : (releases.find((r) => r.id === releaseId)?.name ?? "all releases");
        const scopes = KINDS.find((k) => k.id === kind)?.scopes ?? ["ingest", "read"];
        create.mutate(
          { name, scopes, releaseId: limitedToService ? undefined : releaseId || undefined, service: limitedToService || undefined, expiresAt: expiresInDays ? new Date(Date.now() + Number(expiresInDays) * 86_400_000).toISOString() : undefined },
          {
            onSuccess: (created) => {
              setName("");
              setService("");
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
          <select id={kindId} data-testid="token-create-kind" value={kind} onChange={(e) => setKind(e.target.value)} className={fieldClass}>
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-[12rem] flex-1 flex-col gap-1">
          <label htmlFor={scopeId} className={labelClass}>
            Release
          </label>
          <select
            id={scopeId}
            data-testid="token-create-release"
            value={releaseId}
            onChange={(e) => setReleaseId(e.target.value)}
            disabled={!!service.trim()}
            className={fieldClass}
          >
            <option value="">All releases</option>
            {releases.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.service} {r.serviceVersion})
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-[10rem] flex-col gap-1">
          <label htmlFor={serviceId} className={labelClass}>
            Or one service
          </label>
          <input
            id={serviceId}
            data-testid="token-create-service"
            value={service}
            onChange={(e) => setService(e.target.value)}
            maxLength={120}
            autoComplete="off"
            placeholder="e.g. checkout"
            className={fieldClass}
          />
        </div>
        <div className="flex min-w-[8rem] flex-col gap-1">
          <label htmlFor={expiresId} className={labelClass}>
            Expires
          </label>
          <select id={expiresId} data-testid="token-create-expires" value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)} className={fieldClass}>
            <option value="">Never</option>
            <option value="7">In 7 days</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
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

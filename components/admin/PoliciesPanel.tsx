// Release policies: what every matching plan must hold (guardrails, pre-deployment items, sign-offs, bake), and
// whether its approvers must be other people than its creator and commander. Checked when a release is created.
"use client";
import { useId, useState } from "react";
import { type PolicyView, useCreatePolicy, useDeletePolicy, usePolicies, useUpdatePolicy } from "@/lib/policies/client/use-policies";
import { Button } from "../ui/Button";
import { InlineError } from "../ui/InlineError";
import { Panel } from "../ui/Panel";
import { cellClass, fieldClass, labelClass, phoneLabel, rowButton, rowButtonDanger } from "./admin-styles";
import { LoadError } from "./LoadError";

const th = "px-3 pb-2 text-left text-[11px] font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400";

const EXAMPLE = `{
  "match": { "service": "payments", "environment": "prod*" },
  "requiredGuardrails": [{ "metric": "error_rate", "maxThreshold": 0.05, "action": "rollback" }],
  "requiredPreChecklist": ["Security review"],
  "requiredSignoffs": [{ "role": "Security" }],
  "minBakeSeconds": 900,
  "separateApprover": true
}`;

/** The rules in words, one line each. */
function ruleLines(p: PolicyView): string[] {
  const s = p.spec;
  return [
    ...s.requiredGuardrails.map((g) => `Guardrail ${g.metric} ≤ ${g.maxThreshold}, ${g.action}`),
    ...s.requiredPreChecklist.map((t) => `Pre-deployment: “${t}”`),
    ...s.requiredSignoffs.map((r) => `Sign-off: ${r.role}${r.on === "any" ? "" : r.on === "pre_start" ? " before start" : " every wave"}`),
    ...(s.minBakeSeconds !== undefined ? [`Bake ≥ ${s.minBakeSeconds} s per wave`] : []),
    ...(s.allowedWindows?.length ? [`${s.allowedWindows.length} allowed window(s)${s.windowsTimeZone ? ` (${s.windowsTimeZone})` : " (UTC)"}`] : []),
    ...Object.entries(s.signoffQuorum ?? {}).map(([role, n]) => `Sign-off: ${n} people as ${role}`),
    ...(s.separateApprover ? ["Separate approver: creator and commander do not count"] : []),
  ];
}

function PolicyRow({ policy }: { policy: PolicyView }) {
  const update = useUpdatePolicy();
  const remove = useDeletePolicy();
  const { service, environment, tags } = policy.spec.match;
  return (
    <tr data-testid="policy-row" data-policy={policy.name} className="border-t border-zinc-200 dark:border-zinc-800 max-md:block max-md:py-2">
      <td className={`${cellClass} font-semibold break-words ${policy.enabled ? "" : "text-zinc-500 line-through decoration-zinc-400"}`}>
        {policy.name}
        {policy.spec.description ? <p className="text-xs font-normal text-zinc-600 dark:text-zinc-400">{policy.spec.description}</p> : null}
      </td>
      <td className={`${cellClass} text-xs`}>
        <span className={phoneLabel}>Applies to: </span>
        <span className="font-mono break-all">{service}</span> in <span className="font-mono break-all">{environment}</span>
        {tags.length ? <span> · tags {tags.join(", ")}</span> : null}
      </td>
      <td className={`${cellClass} text-xs`}>
        <span className={phoneLabel}>Rules: </span>
        <ul className="flex flex-col gap-0.5 max-md:inline-flex max-md:flex-wrap max-md:gap-x-2">
          {ruleLines(policy).map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </td>
      <td className={`${cellClass} text-right whitespace-nowrap max-md:pt-1.5 max-md:text-left`}>
        <div className="inline-flex gap-1">
          <button type="button" className={rowButton} disabled={update.isPending} onClick={() => update.mutate({ id: policy.id, patch: { enabled: !policy.enabled } })}>
            {policy.enabled ? "Disable" : "Enable"}
          </button>
          <button
            type="button"
            className={rowButtonDanger}
            disabled={remove.isPending}
            aria-label={`Delete ${policy.name}`}
            onClick={() => {
              if (window.confirm(`Delete the policy "${policy.name}"? Releases created under it keep its rules.`)) remove.mutate(policy.id);
            }}
          >
            Delete
          </button>
        </div>
        {update.isError ? <InlineError message={update.error.message} testId="policy-update-error" /> : null}
        {remove.isError ? <InlineError message={remove.error.message} testId="policy-delete-error" /> : null}
      </td>
    </tr>
  );
}

function CreatePolicyForm() {
  const create = useCreatePolicy();
  const [name, setName] = useState("");
  const [spec, setSpec] = useState(EXAMPLE);
  const [parseError, setParseError] = useState<string | null>(null);
  const nameId = useId();
  const specId = useId();
  return (
    <form
      aria-label="Create a release policy"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(spec) as Record<string, unknown>;
        } catch (err) {
          setParseError(`The rules are not valid JSON: ${(err as Error).message}`);
          return;
        }
        setParseError(null);
        create.mutate({ ...body, name: name.trim() }, { onSuccess: () => setName("") });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={nameId} className={labelClass}>
          Policy name
        </label>
        <input id={nameId} data-testid="policy-create-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required placeholder="e.g. payments-production" className={`${fieldClass} max-w-md`} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={specId} className={labelClass}>
          Match and rules (JSON; see the README's “Release policies”)
        </label>
        <textarea
          id={specId}
          data-testid="policy-create-spec"
          value={spec}
          onChange={(e) => setSpec(e.target.value)}
          rows={8}
          spellCheck={false}
          className={`${fieldClass} h-auto py-2 font-mono text-xs`}
        />
      </div>
      <div>
        <Button type="submit" variant="primary" size="sm" className="h-9" data-testid="policy-create-submit" disabled={!name.trim() || create.isPending}>
          {create.isPending ? "Creating…" : "Create policy"}
        </Button>
      </div>
      {parseError ? <InlineError message={parseError} testId="policy-parse-error" /> : null}
      {create.isError ? <InlineError message={create.error.message} testId="policy-error" /> : null}
    </form>
  );
}

export function PoliciesPanel() {
  const policies = usePolicies();
  return (
    <Panel
      title="Release policies"
      id="policies"
      actions={policies.data ? <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{policies.data.length} {policies.data.length === 1 ? "policy" : "policies"}</span> : null}
    >
      <div className="flex flex-col gap-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          A plan that breaks a matching policy is refused when the release is created. A release keeps the policies it was created under: editing a policy
          later does not change releases already created.
        </p>
        {policies.isPending ? (
          <p role="status" className="text-sm text-zinc-500">
            Loading policies…
          </p>
        ) : policies.isError ? (
          <LoadError message={policies.error.message} onRetry={() => void policies.refetch()} />
        ) : policies.data.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No policies yet: every plan is taken as written.</p>
        ) : (
          <div className="overflow-x-auto max-md:overflow-visible">
            <table className="w-full border-collapse text-sm max-md:block">
              <caption className="sr-only">Release policies</caption>
              <thead className="max-md:sr-only">
                <tr>
                  <th scope="col" className={th}>Policy</th>
                  <th scope="col" className={th}>Applies to</th>
                  <th scope="col" className={th}>Rules</th>
                  <th scope="col" className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="max-md:block">
                {policies.data.map((p) => (
                  <PolicyRow key={p.id} policy={p} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <summary className="cursor-pointer text-sm font-semibold">New policy</summary>
          <div className="mt-3">
            <CreatePolicyForm />
          </div>
        </details>
      </div>
    </Panel>
  );
}

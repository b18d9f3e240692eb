// Issue 25: the environments releases' stages deploy to (admins): name, region, order, router, who approves
// promotion into each. Declared here; plans name them in a track's `environment`.
"use client";
import { useState, type FormEvent } from "react";
import { useCreateEnvironment, useDeleteEnvironment, useEnvironments } from "@/lib/stages/client/use-environments";
import { describeActionError } from "@/lib/releases/client/describe-action-error";
import { Button } from "../ui/Button";
import { Panel } from "../ui/Panel";
import { cellClass, fieldClass, labelClass, phoneLabel, rowButtonDanger } from "./admin-styles";

export function EnvironmentsPanel() {
  const list = useEnvironments();
  const create = useCreateEnvironment();
  const remove = useDeleteEnvironment();
  const [form, setForm] = useState({ name: "", region: "", order: "0", router: "", approverRoles: "" });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const roles = form.approverRoles.split(",").map((r) => r.trim()).filter(Boolean);
    create.mutate(
      {
        name: form.name.trim(),
        ...(form.region.trim() ? { region: form.region.trim() } : {}),
        order: Number(form.order) || 0,
        ...(form.router.trim() ? { router: form.router.trim() } : {}),
        approverRoles: roles,
      },
      { onSuccess: () => setForm({ name: "", region: "", order: String((Number(form.order) || 0) + 1), router: "", approverRoles: "" }) },
    );
  };
  const field = (key: keyof typeof form, label: string, placeholder: string) => (
    <label className="flex min-w-0 flex-col gap-1">
      <span className={labelClass}>{label}</span>
      <input className={fieldClass} value={form[key]} placeholder={placeholder} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  const error = create.error ?? remove.error;
  return (
    <Panel title="Environments" id="environments">
      <form onSubmit={submit} className="mb-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_5rem_1fr_1.5fr_auto] lg:items-end" aria-label="Declare an environment">
        {field("name", "Name", "eu")}
        {field("region", "Region", "eu-west-1")}
        {field("order", "Order", "1")}
        {field("router", "Router or flag scope", "haproxy-eu")}
        {field("approverRoles", "Approver roles (comma-separated)", "Release manager")}
        <Button type="submit" size="sm" disabled={create.isPending || !form.name.trim()}>
          Declare
        </Button>
      </form>
      {error ? (
        <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-300">
          {describeActionError(error).title}
        </p>
      ) : null}
      {list.data?.length ? (
        <table className="w-full text-sm" data-testid="environments">
          <thead className="text-left text-xs text-zinc-500 max-md:hidden dark:text-zinc-400">
            <tr>
              <th className="px-3 py-1">Order</th>
              <th className="px-3 py-1">Name</th>
              <th className="px-3 py-1">Region</th>
              <th className="px-3 py-1">Router</th>
              <th className="px-3 py-1">Promotion approved by</th>
              <th className="px-3 py-1" />
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {list.data.map((env) => (
              <tr key={env.name} className="max-md:block max-md:py-2">
                <td className={`${cellClass} tabular-nums`}>
                  <span className={phoneLabel}>Order </span>
                  {env.order}
                </td>
                <td className={`${cellClass} font-semibold`}>{env.name}</td>
                <td className={cellClass}>
                  <span className={phoneLabel}>Region </span>
                  {env.region ?? "—"}
                </td>
                <td className={cellClass}>
                  <span className={phoneLabel}>Router </span>
                  {env.router ?? "—"}
                </td>
                <td className={cellClass}>
                  <span className={phoneLabel}>Approved by </span>
                  {env.approverRoles.length ? `${env.approverRoles.join(" or ")} (${env.requiredApprovals})` : "no approval needed"}
                </td>
                <td className={`${cellClass} md:text-right`}>
                  <button type="button" className={rowButtonDanger} disabled={remove.isPending} onClick={() => remove.mutate(env.name)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{list.isLoading ? "Loading…" : "No environments yet: declare staging, then your regions."}</p>
      )}
    </Panel>
  );
}

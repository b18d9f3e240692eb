// One admin audit entry in words, for the admin screen: "revoked the API token "ci-deploy"". Pure.
import { readAdminAction } from "./admin-actions";

export function describeAdminAction(entry: { action: string; target: { id: string }; data: unknown }): string {
  const e = readAdminAction({ action: entry.action, targetId: entry.target.id, data: entry.data });
  switch (e.action) {
    case "api_token.created": {
      const where = e.data.releaseId ? ` for release ${e.data.releaseId}` : e.data.service ? ` for service ${e.data.service}` : "";
      return `created the API token "${e.data.name}" (${e.data.scopes.join(", ")})${where}${e.data.expiresAt ? `, expiring ${e.data.expiresAt}` : ""}`;
    }
    case "api_token.revoked":
      return `revoked the API token "${e.data.name}"`;
    case "user.created":
      return `added ${e.data.email} as ${e.data.role}`;
    case "user.role_changed":
      return `changed ${e.data.email}'s role from ${e.data.from} to ${e.data.to}`;
    case "user.disabled":
      return `disabled ${e.data.email}`;
    case "user.enabled":
      return `enabled ${e.data.email}`;
    case "user.updated":
      return `changed ${e.data.changes.map((c) => (c.field === "signoffRoles" ? "sign-off roles" : c.field)).join(" and ")} of ${e.data.email}`;
    case "webhook_endpoint.created":
      return `added a ${e.data.kind === "slack" ? "Slack " : ""}webhook endpoint to ${e.data.urlOrigin || "a URL"}`;
    case "webhook_endpoint.updated":
      return e.data.enabled === false
        ? "disabled a webhook endpoint"
        : e.data.enabled === true && e.data.fields.length === 1
          ? "enabled a webhook endpoint"
          : `changed a webhook endpoint (${e.data.fields.join(", ")})`;
    case "webhook_endpoint.secret_rotated":
      return "rotated a webhook endpoint's secret";
    case "webhook_endpoint.deleted":
      return `deleted the webhook endpoint to ${e.data.urlOrigin || "a URL"}`;
    case "webhook_delivery.replayed":
      return `replayed a ${e.data.eventType.replaceAll("_", " ")} delivery`;
    case "controller.answered": {
      const who = e.data.controller === "flagger" ? `Flagger${e.data.canary ? ` (canary ${e.data.canary})` : ""}` : "Argo Rollouts";
      const on = e.data.controller === "flagger" ? ` on ${e.data.question}` : "";
      return `told ${who} "${e.data.answer}" (${e.data.httpStatus})${on} for release ${e.targetId}: ${e.data.reason}`;
    }
    case "freeze.created":
      return `declared a freeze until ${e.data.to}: ${e.data.reason}`;
    case "freeze.ended":
      return `ended the freeze "${e.data.freezeReason}" early: ${e.data.reason}`;
    case "quarantine.lifted":
      return `lifted the quarantine of ${e.data.service} ${e.data.version}: ${e.data.reason}`;
    case "environment.created":
      return `declared the environment ${e.targetId}${e.data.region ? ` (${e.data.region})` : ""}`;
    case "environment.updated":
      return `changed ${e.data.changes.map((c) => c.field).join(" and ")} of the environment ${e.targetId}`;
    case "environment.deleted":
      return `removed the environment ${e.targetId}`;
    case "policy.created":
      return `created the release policy "${e.data.name}"${e.data.enabled ? "" : " (disabled)"}`;
    case "policy.updated":
      return `changed the release policy "${e.data.name}" (${e.data.fields.join(", ")})`;
    case "policy.deleted":
      return `deleted the release policy "${e.data.name}"`;
    case "unreadable":
      return e.storedAction.replaceAll("_", " ").replaceAll(".", ": ");
  }
}

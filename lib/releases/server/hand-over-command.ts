// Hands the release's commander role to another person (issue 15): the commander is an explicit role on the
// release, changed only by this command and audited as `commander_changed`. The current commander hands it over;
// an admin may reassign it (an absent commander); before anyone commands, anyone who may command can take it.
import "server-only";
import { can, type Role } from "../../auth/core/roles";
import type { Actor } from "../../auth/server/actor";
import { mutateRelease } from "./mutate-release";

export function handOverCommand(releaseId: string, to: string, reason: string | null, actor: Actor) {
  return mutateRelease(releaseId, {}, async (loaded, now, tx) => {
    const current = loaded.row.commander;
    const isCommander = current === actor.name;
    if (current !== null && !isCommander && actor.role !== "admin") {
      return {
        ok: false,
        refusal: { code: "forbidden", message: `Only the commander (${current}) or an admin may hand over command`, details: { commander: current } },
      };
    }
    if (to === current) return { ok: false, refusal: { code: "invalid_request", message: `${to} already commands this release`, details: { field: "to" } } };
    const target = await tx.user.findUnique({ where: { email: to } });
    if (!target || target.disabled) return { ok: false, refusal: { code: "invalid_request", message: `No active user "${to}"`, details: { field: "to" } } };
    if (!can(target.role as Role, "command")) {
      return {
        ok: false,
        refusal: { code: "invalid_request", message: `${to} is a ${target.role} and cannot command a release (commander or admin role needed)`, details: { field: "to", role: target.role } },
      };
    }
    const how = isCommander ? "handed_over" : "taken_over";
    return {
      ok: true,
      commander: to,
      actorRole: actor.role,
      events: [{ type: "commander_changed", actor: actor.name, reason, at: now, before: null, after: null, data: { from: current, to, how } }],
    };
  });
}

// The report's human part: lessons learned and action items, each change an audit event through the one write path,
// each checked against the version the writer saw (409 when someone else changed it first).
import "server-only";
import { randomUUID } from "node:crypto";
import type { ActionItemPatch } from "../core/report-edits";
import type { Actor } from "../../auth/server/actor";
import { mutateRelease, type Change } from "../../releases/server/mutate-release";
import { toActionItem } from "./get-report";

const stale = (what: string, expected: number, current: number, details: Record<string, unknown>): Change => ({
  ok: false,
  refusal: {
    code: "version_conflict",
    message: `Someone else changed the ${what} first: it is at version ${current}, not ${expected}`,
    details: { expectedVersion: expected, currentVersion: current, ...details },
  },
});

export function updateLessons(releaseId: string, actor: Actor, text: string, expectedVersion: number) {
  return mutateRelease(releaseId, {}, async (_loaded, now, tx) => {
    const row = await tx.reportLessons.findUnique({ where: { releaseId } });
    const current = row?.version ?? 0;
    if (current !== expectedVersion) return stale("lessons learned", expectedVersion, current, { current: row?.text ?? "" });
    if ((row?.text ?? "") === text) return { ok: true, events: [] };
    const version = current + 1;
    return {
      ok: true,
      actorRole: actor.role,
      events: [{ type: "report_lessons_updated", actor: actor.name, reason: null, at: now, before: null, after: null, data: { version, text } }],
      write: async (t) => {
        await t.reportLessons.upsert({
          where: { releaseId },
          create: { releaseId, text, version, updatedBy: actor.name, updatedAt: now },
          update: { text, version, updatedBy: actor.name, updatedAt: now },
        });
      },
    };
  });
}

export function addActionItem(releaseId: string, actor: Actor, item: { text: string; owner: string; dueDate?: string | null }) {
  const id = randomUUID();
  return {
    id,
    outcome: mutateRelease(releaseId, {}, (_loaded, now) => ({
      ok: true,
      actorRole: actor.role,
      events: [
        { type: "action_item_added", actor: actor.name, reason: null, at: now, before: null, after: null, data: { itemId: id, text: item.text, owner: item.owner, dueDate: item.dueDate ?? null } },
      ],
      write: async (t) => {
        await t.reportActionItem.create({
          data: { id, releaseId, text: item.text, owner: item.owner, dueDate: item.dueDate ?? null, createdBy: actor.name, createdAt: now, updatedAt: now },
        });
      },
    })),
  };
}

const FIELDS = ["text", "owner", "dueDate", "done"] as const;

export function updateActionItem(releaseId: string, itemId: string, actor: Actor, patch: ActionItemPatch) {
  return mutateRelease(releaseId, {}, async (_loaded, now, tx) => {
    const row = await tx.reportActionItem.findFirst({ where: { id: itemId, releaseId } });
    if (!row) return { ok: false, refusal: { code: "not_found", message: `No action item "${itemId}" on this release`, details: { itemId } } };
    if (row.version !== patch.expectedVersion) return stale("action item", patch.expectedVersion, row.version, { current: toActionItem(row) });
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    const changes = FIELDS.filter((f) => patch[f] !== undefined && patch[f] !== row[f]).map((f) => ({ field: f, from: text(row[f]), to: text(patch[f]) }));
    if (changes.length === 0) return { ok: true, events: [] };
    const version = row.version + 1;
    return {
      ok: true,
      actorRole: actor.role,
      events: [{ type: "action_item_updated", actor: actor.name, reason: null, at: now, before: null, after: null, data: { itemId, version, changes } }],
      write: async (t) => {
        const data = Object.fromEntries(FIELDS.filter((f) => patch[f] !== undefined).map((f) => [f, patch[f]]));
        await t.reportActionItem.update({ where: { id: itemId }, data: { ...data, version, updatedAt: now } });
      },
    };
  });
}

export function removeActionItem(releaseId: string, itemId: string, actor: Actor) {
  return mutateRelease(releaseId, {}, async (_loaded, now, tx) => {
    const row = await tx.reportActionItem.findFirst({ where: { id: itemId, releaseId } });
    if (!row) return { ok: false, refusal: { code: "not_found", message: `No action item "${itemId}" on this release`, details: { itemId } } };
    return {
      ok: true,
      actorRole: actor.role,
      events: [{ type: "action_item_removed", actor: actor.name, reason: null, at: now, before: null, after: null, data: { itemId, text: row.text } }],
      write: async (t) => {
        await t.reportActionItem.delete({ where: { id: itemId } });
      },
    };
  });
}

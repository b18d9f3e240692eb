// An admin changes a person's role, sign-off roles or access; takes effect on their next request.
import "server-only";
import { z } from "zod";
import { ROLES } from "../core/roles";
import { nameText } from "../../releases/core/text";
import { db } from "../../platform/db/client";
import { cutSocketsSoon } from "../../realtime/server/revalidate-sockets";

export const UserPatchSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    signoffRoles: z.array(nameText(80)).max(20).optional(),
    disabled: z.boolean().optional(),
    name: nameText(120).optional(),
  })
  .strict();

export async function updateUser(id: string, patch: z.infer<typeof UserPatchSchema>) {
  const found = await db().user.findUnique({ where: { id } });
  if (!found) return null;
  const row = await db().user.update({
    where: { id },
    data: {
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.signoffRoles ? { signoffRoles: JSON.stringify(patch.signoffRoles) } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
      ...(patch.name ? { name: patch.name } : {}),
    },
  });
  if (patch.role || patch.disabled) cutSocketsSoon();
  return { id: row.id, email: row.email, name: row.name, role: row.role, signoffRoles: JSON.parse(row.signoffRoles), disabled: row.disabled };
}

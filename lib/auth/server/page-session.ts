// Who is looking at a page, resolved on the server from the request's cookies. Signed out: redirect to sign-in
// before anything renders, so no screen flashes and no API call fails with 401 in the browser first.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "./actor";
import { resolveActor } from "./authorize";

export async function requirePageActor(returnTo: string): Promise<Actor> {
  const actor = await resolveActor({ method: "GET", headers: await headers() });
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}

import type { NextRequest } from "next/server";
import { appError } from "@/lib/platform/http/app-error";
import { errorResponse } from "@/lib/platform/http/handle";
import { logRefusal } from "@/lib/platform/logging/ops-log";

export const dynamic = "force-dynamic";

/** Any /api path no route serves: 404 in the one error shape (Next.js would answer with its HTML page). */
function notFound(req: NextRequest): Response {
  logRefusal({ method: req.method, path: req.nextUrl.pathname, status: 404, code: "not_found" });
  return errorResponse(appError(404, "not_found", `No API route at ${req.nextUrl.pathname}`, { path: req.nextUrl.pathname }));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };

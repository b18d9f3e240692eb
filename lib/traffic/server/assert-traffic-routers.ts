// Release creation's check of a plan's (and its tracks') traffic router: it must be one the operator configured,
// with overrides its kind knows. A 400 naming the field, and nothing written.
import "server-only";
import type { Plan } from "../../plans/core/plan";
import { appError, HttpError } from "../../platform/http/app-error";
import { problemWithChoice } from "./router-registry";

export function assertTrafficRouters(plan: Plan): void {
  const choices = [
    ...(plan.traffic ? [{ path: "traffic", choice: plan.traffic }] : []),
    ...(plan.tracks ?? []).flatMap((t, k) => (t.traffic ? [{ path: `tracks.${k}.traffic`, choice: t.traffic }] : [])),
  ];
  const issues = choices.flatMap(({ path, choice }) => {
    const problem = problemWithChoice(choice);
    return problem ? [{ path: `${path}.${problem.field}`, message: problem.message }] : [];
  });
  if (issues.length > 0) {
    throw new HttpError(appError(400, "invalid_request", `Invalid plan: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, { issues }));
  }
}

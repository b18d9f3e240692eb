// The job catalogue is the one list of once-per-cluster work: every job once, each on a usable period.
import { describe, expect, it } from "vitest";
import { jobCatalogue } from "./job-catalogue";

describe("job catalogue", () => {
  it("lists each capability's cluster jobs once, by name, each with a positive period and a body", () => {
    const jobs = jobCatalogue();
    expect(jobs.map((j) => j.name).sort()).toEqual(["gate-checks", "github-deployment-reviews", "guardrail-tick", "metric-pull", "retention", "rollback-follow-up", "schedule", "traffic-routers", "webhooks"]);
    for (const job of jobs) {
      expect(job.intervalMs, job.name).toBeGreaterThan(0);
      expect(typeof job.run, job.name).toBe("function");
    }
  });
});

// Plans and signed-in clients for integration tests.
import type { PlanInput } from "../../lib/plans/core/plan";
import { SessionClient } from "./session-client";
import { TEST_PASSWORD, TEST_USERS, type TestRole } from "./test-users";

/** A one-track plan: `waves` is always there (a plan may omit it only when it has tracks). */
export type SimplePlan = PlanInput & { waves: NonNullable<PlanInput["waves"]> };

export function simplePlan(waves = 4, overrides: Partial<PlanInput> = {}): SimplePlan {
  const percents = Array.from({ length: waves }, (_, i) => (i === waves - 1 ? 100 : Math.round(((i + 1) * 100) / waves)));
  return {
    name: `Test release ${Math.random().toString(36).slice(2, 8)}`,
    service: "test-service",
    // A version of its own: a rolled-back version is quarantined for its service (issue 25), and tests that roll back
    // must not hold the next test's release of "the same" version.
    version: `1.0.0-t${Math.random().toString(36).slice(2, 8)}`,
    waves: percents.map((trafficPercent, i) => ({ name: `Wave ${i + 1}`, trafficPercent })),
    ...overrides,
  } as SimplePlan;
}

const clients = new Map<string, SessionClient>();

/** A client signed in as the test user with that role (cached per server). */
export async function as(role: TestRole, baseUrl: string): Promise<SessionClient> {
  const key = `${role}@${baseUrl}`;
  const cached = clients.get(key);
  if (cached) return cached;
  const client = new SessionClient(baseUrl);
  if (!(await client.signIn(TEST_USERS[role].email, TEST_PASSWORD))) throw new Error(`could not sign in as ${role}`);
  clients.set(key, client);
  return client;
}

export async function createStartedRelease(baseUrl: string, plan: PlanInput = simplePlan()) {
  const admin = await as("admin", baseUrl);
  const created = await admin.post("/api/releases", plan);
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const commander = await as("commander", baseUrl);
  const started = await commander.post(`/api/releases/${created.body.id}/actions`, { action: "start", expectedVersion: created.body.version });
  if (started.status !== 200) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body as { id: string; version: number; lastSeq: number; currentWaveIndex: number };
}

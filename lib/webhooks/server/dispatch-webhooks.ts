// This process's webhook dispatcher: the background job runs it every second, and a commit kicks it at once so
// an event reaches its receivers in milliseconds. Only a process that started background work delivers (a script
// that writes, like the demo seed, leaves it to the server).
import "server-only";
import { db } from "../../platform/db/client";
import { WebhookDispatcher } from "./webhook-dispatcher";
import { webhookSettings } from "./webhook-settings";
import { logError } from "../../platform/logging/ops-log";

const holder = globalThis as unknown as { __tidegateWebhooks?: { dispatcher: WebhookDispatcher; started: boolean } };

export function webhookDispatcher(): WebhookDispatcher {
  holder.__tidegateWebhooks ??= { dispatcher: new WebhookDispatcher({ client: db(), settings: webhookSettings() }), started: false };
  return holder.__tidegateWebhooks.dispatcher;
}

/** The background job: fan committed events out to deliveries and send what is due. */
export async function dispatchWebhooks(onlyNew = false): Promise<void> {
  const dispatcher = webhookDispatcher();
  holder.__tidegateWebhooks!.started = true;
  try {
    await dispatcher.run(onlyNew);
  } catch (e) {
    logError("webhook dispatch failed", { error: (e as Error).message });
  }
}

/** Right after a commit: deliver now rather than at the next poll (only where the job runs). */
export function kickWebhooks(): void {
  if (holder.__tidegateWebhooks?.started) void dispatchWebhooks(true);
}

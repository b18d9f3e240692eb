// A stand-in for a customer's web app: it asks Tidegate for one flag through @openfeature/web-sdk and the OFREP web
// provider, shows it, and records when it changed. Bundled for the browser by e2e/flags-web-provider.spec.ts.
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";
import { OpenFeature, ProviderEvents } from "@openfeature/web-sdk";

declare global {
  interface Window {
    FLAG_CONFIG: { baseUrl: string; sdkKey: string; flag: string; targetingKey: string };
    flagChanges: { value: boolean; at: number }[];
    pageLoadedAt: number;
  }
}

window.flagChanges = [];
window.pageLoadedAt = Date.now();
const { baseUrl, sdkKey, flag, targetingKey } = window.FLAG_CONFIG;
const out = document.getElementById("feature")!;

function render() {
  const value = OpenFeature.getClient().getBooleanValue(flag, false);
  if (out.dataset.value !== String(value)) {
    window.flagChanges.push({ value, at: Date.now() });
    out.dataset.value = String(value);
    out.textContent = value ? "New checkout" : "Old checkout";
  }
}

async function main() {
  await OpenFeature.setContext({ targetingKey });
  OpenFeature.addHandler(ProviderEvents.ConfigurationChanged, render);
  OpenFeature.addHandler(ProviderEvents.Ready, render);
  await OpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl, headers: [["Authorization", `Bearer ${sdkKey}`]], cacheMode: "disabled" }));
  render();
}

main().catch((e) => {
  out.dataset.error = String(e);
});

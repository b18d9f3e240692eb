// kill -9 under load on one instance: each kill waits for its restart (what is checked: tests/support/kill-under-load.ts).
import { describeKillsUnderLoad } from "./support/kill-under-load";

describeKillsUnderLoad("one instance", ["S"]);

// kill -9 under load on a cluster of three on one PostgreSQL: the others carry the load while a killed one restarts (what is checked: tests/support/kill-under-load.ts).
import { describeKillsUnderLoad } from "./support/kill-under-load";

describeKillsUnderLoad("a cluster of three", ["K1", "K2", "K3"]);

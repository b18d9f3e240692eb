import { describe, expect, it } from "vitest";
import { parseGetWeight, parseServersState, parseShowStat, refusalOf, weightCommands } from "./runtime-answers";

// Answers captured from Debian's HAProxy 2.6.12 (scripts/traffic/haproxy-lab.ts), byte for byte.
const SERVERS_STATE =
  "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n3 app 1 stable 127.0.0.1 2 0 230 256 1 1 0 2 0 0 0 0 - 32781 - 0 0 - - 0\n3 app 2 canary 127.0.0.1 2 0 26 0 1 1 0 2 0 0 0 0 - 41975 - 0 0 - - 0\n\n";
const SHOW_STAT =
  "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt\n" +
  "app,stable,0,0,0,4,,1797,93444,262362,,0,,0,0,0,0,no check,230,1,0,,,7,,,1,3,1,,1797,,2,607,,396,,,,0,1797,0,0,0,0,,,,1797,0,0\n" +
  "app,canary,0,0,0,1,,203,10556,29638,,0,,0,0,0,0,no check,26,1,0,,,7,,,1,3,2,,203,,2,69,,47,,,,0,203,0,0,0,0,,,,203,0,0\n\n";

describe("HAProxy runtime API answers", () => {
  it("reads each server's runtime weight and state from show servers state", () => {
    expect(parseServersState(SERVERS_STATE)).toEqual([
      { backend: "app", server: "stable", weight: 230, initialWeight: 256, opState: 2, adminState: 0 },
      { backend: "app", server: "canary", weight: 26, initialWeight: 0, opState: 2, adminState: 0 },
    ]);
  });

  it("refuses a format version it does not know, and an answer that is an error", () => {
    expect(() => parseServersState("2\n# be_id\n")).toThrow(/version "2"/);
    expect(() => parseServersState("Can't find backend.\n")).toThrow(/version/);
  });

  it("reads the cumulative sessions of servers from show stat, skipping FRONTEND and BACKEND rows", () => {
    const withProxies = `${SHOW_STAT.split("\n")[0]}\nweb,FRONTEND,,,0,4,2000,2000\n${SHOW_STAT.split("\n").slice(1).join("\n")}app,BACKEND,0,0,0,4,200,2000\n`;
    expect(parseShowStat(withProxies)).toEqual([
      { proxy: "app", server: "stable", sessions: 1797, selected: 1797, status: "no check", weight: 230 },
      { proxy: "app", server: "canary", sessions: 203, selected: 203, status: "no check", weight: 26 },
    ]);
  });

  it("reads get weight", () => {
    expect(parseGetWeight("26 (initial 0)\n\n")).toEqual({ weight: 26, initial: 0 });
    expect(() => parseGetWeight("No such server.\n")).toThrow(/unexpected/);
  });

  it("takes an empty answer as success and anything else as the refusal", () => {
    expect(refusalOf("\n\n")).toBeNull();
    expect(refusalOf("\nNo such server.\n\n")).toBe("No such server.");
  });

  it("orders the two weight commands so both are never 0 at once", () => {
    expect(weightCommands("app", "s", "c", { stable: 256, canary: 0 })).toEqual(["set server app/s weight 256", "set server app/c weight 0"]);
    expect(weightCommands("app", "s", "c", { stable: 0, canary: 256 })).toEqual(["set server app/c weight 256", "set server app/s weight 0"]);
    expect(weightCommands("app", "s", "c", { stable: 0, canary: 256 }, { stable: 128, canary: 128 })[0]).toBe("set server app/c weight 256");
  });
});

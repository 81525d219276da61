// One-off: fixture into a PG with pg_stat_statements, tandem on it with --cpu-prof, list load, stats.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, chownSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
const endpoint = process.argv[2] ?? "list";
const dir = mkdtempSync("/tmp/pgexp-"); chownSync(dir, 
  Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-u", "postgres"]).toString()));
const bin = "/usr/lib/postgresql/15/bin";
const asPg = (p, a) => execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, p), ...a], { stdio: "pipe" });
asPg("initdb", ["-D", `${dir}/data`, "-U", "tandem", "-A", "trust", "--no-sync", "--locale=C", "-E", "UTF8"]);
const port = 56543;
asPg("pg_ctl", ["-D", `${dir}/data`, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all`, "-l", `${dir}/log`, "-w", "start"]);
const url = `postgresql://tandem@127.0.0.1:${port}/postgres`;
console.log(url, dir);

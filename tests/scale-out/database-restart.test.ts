import { describe, expect, inject, it } from "vitest";
import { postgresControl } from "#scripts/throwaway-postgres.ts";
import { clusterState, createTaskBody, manyBearers, proxyUrl, send } from "./support.ts";

const json = { "Content-Type": "application/json" };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const postgres = inject("scaleOutPostgres");

describe.runIf(postgres !== null)("PostgreSQL restarted under load", () => {
  it("answers 503 with Retry-After while it is down (never a hang, never a 500), and the same instances recover by themselves", async () => {
    const bearers = await manyBearers(20);
    const pids = clusterState().instances.map((instance) => instance.pid);
    const log: { status: number; retryAfter?: string; error?: string; at: number; phase: string }[] = [];
    let phase = "up";
    let done = false;

    const load = Promise.all(
      Array.from({ length: 4 }, async (_, worker) => {
        for (let i = 0; !done; i++) {
          const headers = bearers[(worker * 5 + i) % bearers.length]!;
          const answer =
            i % 2 === 0
              ? await send(`${proxyUrl()}/api/tasks?limit=5`, { headers })
              : await send(`${proxyUrl()}/api/tasks`, { method: "POST", headers: { ...headers, ...json }, body: createTaskBody(`restart ${worker}.${i}`) });
          log.push({ status: answer.status, retryAfter: answer.headers["retry-after"] as string | undefined, error: answer.error, at: Date.now(), phase });
          if (answer.status === 503) await pause(100); // a client honouring Retry-After would wait longer
        }
      }),
    );

    await pause(1_000);
    phase = "stopping";
    postgresControl(postgres!, "stop");
    phase = "down";
    await pause(3_000);
    phase = "starting";
    postgresControl(postgres!, "start");
    phase = "back";
    // The instances find the server again by themselves: wait until a write succeeds, then a little more.
    const backSince = Date.now();
    while (!log.some((entry) => entry.phase === "back" && entry.status === 201)) {
      if (Date.now() - backSince > 30_000) break;
      await pause(100);
    }
    await pause(1_000);
    done = true;
    await load;

    const statuses = new Set(log.map((entry) => entry.status));
    expect([...statuses].filter((status) => ![200, 201, 503].includes(status)), JSON.stringify(log.filter((e) => ![200, 201, 503].includes(e.status)).slice(0, 5))).toEqual([]);
    const refused = log.filter((entry) => entry.status === 503);
    expect(log.filter((entry) => entry.phase === "down" && entry.status === 503).length, "refused while it was down").toBeGreaterThan(0);
    for (const entry of refused) expect(entry.retryAfter).toMatch(/^\d+$/);
    const recovered = log.filter((entry) => entry.phase === "back" && entry.at > backSince);
    expect(recovered.some((entry) => entry.status === 201), "writes succeed again").toBe(true);
    expect(recovered.at(-1)?.status, "and keep succeeding").not.toBe(503);
    expect(clusterState().instances.map((instance) => instance.pid), "the same instances, not restarted ones").toEqual(pids);
  }, 90_000);
});

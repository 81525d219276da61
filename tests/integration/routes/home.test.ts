import { describe, expect, it } from "vitest";
import * as home from "#app/routes/home.tsx";
import { createTaskRow, createUser } from "#tests/support/factories.ts";
import { getRequest, run, signIn } from "#tests/support/http.ts";

describe("GET / (the dashboard)", () => {
  it("redirects to sign-in without a session", async () => {
    const result = await run(home.loader, getRequest("/"));
    expect(result).toRedirectTo("/login");
  });

  it("gives the signed-in person their dashboard", async () => {
    const me = await createUser({ name: "Max Member" });
    await createTaskRow(me, { title: "Mine", assigneeId: me.id });
    await createTaskRow(me, { title: "Late", dueDate: "2000-01-01" });

    const result = await run(home.loader, getRequest("/", { cookie: await signIn(me) }));

    expect(result.status).toBe(200);
    const data = result.data as Awaited<ReturnType<typeof home.loader>>;
    expect(data.name).toBe("Max Member");
    expect(data.dashboard.counts).toMatchObject({ TODO: 2, overdue: 1 });
    expect(data.dashboard.assignedToMe.map((task) => task.title)).toEqual(["Mine"]);
    expect(data.dashboard.overdue.map((task) => task.title)).toEqual(["Late"]);
    expect(data.dashboard.completedPerDay).toHaveLength(28);
  });
});

import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createTaskBody, proxyUrl, seededAdmin, send } from "./support.ts";

const json = { "Content-Type": "application/json" };

describe("many writers through the proxy, spread over both instances", () => {
  it("50 concurrent creates: every one acknowledged, every acknowledged one stored, once", async () => {
    const { bearer } = await seededAdmin();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(`${proxyUrl()}/api/tasks`, { method: "POST", headers: { ...bearer, ...json }, body: createTaskBody(`writer ${i}`) }),
      ),
    );

    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    const ids = answers.map((answer) => (JSON.parse(answer.text) as { id: string }).id);
    expect(await db.task.count({ where: { id: { in: ids } } })).toBe(50);
    expect(await db.task.count({ where: { title: { startsWith: "writer " } } })).toBe(50);
  });

  it("20 concurrent updates of one task at the same version: exactly one wins, nothing is lost or overwritten unseen", async () => {
    const { bearer } = await seededAdmin();
    const created = await send(`${proxyUrl()}/api/tasks`, { method: "POST", headers: { ...bearer, ...json }, body: createTaskBody("contested") });
    const { id, version } = JSON.parse(created.text) as { id: string; version: number };

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(`${proxyUrl()}/api/tasks/${id}`, {
          method: "PATCH",
          headers: { ...bearer, ...json, "If-Match": `"v${version}"` },
          body: JSON.stringify({ title: `edit ${i}` }),
        }),
      ),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(19);
    const winner = JSON.parse(answers[statuses.indexOf(200)]!.text) as { title: string };
    const stored = await db.task.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ version: version + 1, title: winner.title });
    expect(await db.activity.count({ where: { subjectId: id, action: "task.updated" } })).toBe(1);
  });
});

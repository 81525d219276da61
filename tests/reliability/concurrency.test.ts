import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { postForm, signInByForm } from "#tests/api/form-door.ts";
import { baseUrl, personWithToken } from "#tests/api/support.ts";
import { createTaskRow } from "#tests/support/factories.ts";

/**
 * 50 clients at once for a few seconds, half through the API (a token each: the shared server
 * allows 120 requests per token per minute) and half through the HTML forms (a session each,
 * posting with the same-site Origin), all creating tasks and all updating the same few tasks
 * with the version they read. Every answer must be one the contract allows, and the database
 * afterwards must hold exactly what was acknowledged.
 */
const CLIENTS = 50;
const LOAD_MS = 4_000;
// Well under the per-token limit, however fast the machine.
const MAX_API_REQUESTS = 100;

type Tally = {
  statuses: Map<string, number>;
  unexpected: string[];
  created: string[];
  /** Per task, the version each acknowledged update was based on. */
  acknowledgedUpdates: Map<string, number[]>;
  conflicts: number;
};

function note(
  tally: Tally,
  what: string,
  status: number,
  body: string,
  allowed: number[]
) {
  const key = `${what} ${status}`;
  tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
  if (!allowed.includes(status) || /SQLITE|database is locked/i.test(body))
    tally.unexpected.push(`${key}: ${body.slice(0, 200)}`);
}

function acknowledge(tally: Tally, id: string, baseVersion: number) {
  tally.acknowledgedUpdates.set(id, [...(tally.acknowledgedUpdates.get(id) ?? []), baseVersion]);
}

/** Prepares a client (its person, token or session) and returns the load it runs until the deadline. */
type Client = (
  index: number,
  shared: string[],
  tally: Tally
) => Promise<(until: number) => Promise<void>>;

const apiClient: Client = async (index, shared, tally) => {
  const { token } = await personWithToken(
    "ADMIN",
    ["write"],
    `API client ${index}`
  );
  const headers = {
    Authorization: `Bearer ${token}`,
    "Content-Type": "application/json",
  };
  return async (until) => {
    for (let i = 0; Date.now() < until && i < MAX_API_REQUESTS - 2; i += 3) {
      const create = await fetch(`${baseUrl()}/api/tasks`, {
        method: "POST",
        headers,
        body: JSON.stringify({ title: `Load API ${index}-${i}` }),
      });
      const createText = await create.text();
      note(tally, "API create", create.status, createText, [201]);
      if (create.status === 201)
        tally.created.push((JSON.parse(createText) as { id: string }).id);

      const id = shared[(index + i) % shared.length]!;
      const read = await fetch(`${baseUrl()}/api/tasks/${id}`, { headers });
      const readText = await read.text();
      note(tally, "API read", read.status, readText, [200]);
      if (read.status !== 200) continue;
      const patch = await fetch(`${baseUrl()}/api/tasks/${id}`, {
        method: "PATCH",
        headers: { ...headers, "If-Match": read.headers.get("etag")! },
        body: JSON.stringify({ title: `Edited by API ${index}-${i}` }),
      });
      const patchText = await patch.text();
      note(tally, "API update", patch.status, patchText, [200, 412]);
      if (patch.status === 200) acknowledge(tally, id, (JSON.parse(readText) as { version: number }).version);
      if (patch.status === 412) tally.conflicts++;
    }
  };
};

const formClient: Client = async (index, shared, tally) => {
  const { user } = await personWithToken(
    "ADMIN",
    ["read"],
    `Form client ${index}`
  );
  const base = baseUrl();
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
    },
    body: new URLSearchParams({ email: user.email, password: user.password }),
  });
  note(tally, "form login", login.status, "", [302]);
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: cookie,
        Origin: base,
      },
      body: new URLSearchParams(fields),
    });
  const fields = {
    description: "",
    status: "TODO",
    assigneeId: "",
    dueDate: "",
  };

  return async (until) => {
    for (let i = 0; Date.now() < until; i++) {
      const create = await post("/tasks/new", {
        ...fields,
        title: `Load form ${index}-${i}`,
      });
      const createText = await create.text();
      note(tally, "form create", create.status, createText, [302]);
      const location = create.headers.get("location") ?? "";
      if (create.status === 302)
        tally.created.push(location.replace(/^\/tasks\//, ""));

      const id = shared[(index + i) % shared.length]!;
      const page = await fetch(`${base}/tasks/${id}`, {
        headers: { Cookie: cookie },
      });
      const html = await page.text();
      note(tally, "form read", page.status, html, [200]);
      const version = /<input type="hidden" name="version" value="(\d+)"/.exec(
        html
      )?.[1];
      if (!version) continue;
      const save = await post(`/tasks/${id}`, {
        ...fields,
        intent: "update",
        version,
        title: `Edited by form ${index}-${i}`,
      });
      const saveText = await save.text();
      note(tally, "form update", save.status, saveText, [302, 409]);
      if (save.status === 302) acknowledge(tally, id, Number(version));
      if (save.status === 409) {
        // The conflict form: the stored values beside the person's own, nothing saved.
        expect(saveText).toMatch(/Compare before you save again/);
        tally.conflicts++;
      }
    }
  };
};

describe("50 concurrent clients", () => {
  it("creating and updating the same tasks through both doors lose no acknowledged write and overwrite nothing unseen", async () => {
    const { user: owner } = await personWithToken("ADMIN");
    const shared = await Promise.all(
      [0, 1, 2].map((n) => createTaskRow(owner, { title: `Contended ${n}` }))
    );
    const sharedIds = shared.map((task) => task.id);
    const tally: Tally = {
      statuses: new Map(),
      unexpected: [],
      created: [],
      acknowledgedUpdates: new Map(),
      conflicts: 0,
    };

    // Clients get their tokens and sessions first (hashing 25 passwords takes a while), so that
    // all 50 then run at the same time for the whole window.
    const runs = await Promise.all(
      Array.from({ length: CLIENTS }, (_, index) =>
        (index % 2 === 0 ? apiClient : formClient)(index, sharedIds, tally)
      )
    );
    const until = Date.now() + LOAD_MS;
    await Promise.all(runs.map((run) => run(until)));

    expect(tally.unexpected).toEqual([]);
    // No two updates of a task were acknowledged from the same version: the second would have
    // overwritten the first unseen.
    for (const [id, bases] of tally.acknowledgedUpdates) {
      expect(bases.length, `updates of task ${id} acknowledged from the same version: ${bases}`).toBe(new Set(bases).size);
    }
    // The load was real: both doors created and updated, and some updates collided.
    const count = (key: string) => tally.statuses.get(key) ?? 0;
    expect(count("API create 201")).toBeGreaterThan(0);
    expect(count("form create 302")).toBeGreaterThan(0);
    expect(count("API update 200") + count("form update 302")).toBeGreaterThan(
      0
    );
    expect(tally.conflicts).toBeGreaterThan(0);

    // Once the others are done, the form door saves with the version it read (so its 409s above
    // were real conflicts, not a form that can never save).
    const { user: last } = await personWithToken("ADMIN", ["read"], "Form client after the load");
    const cookie = await signInByForm({ email: last.email, password: last.password });
    const page = await (await fetch(`${baseUrl()}/tasks/${sharedIds[0]}`, { headers: { Cookie: cookie } })).text();
    const version = /<input type="hidden" name="version" value="(\d+)"/.exec(page)![1]!;
    const save = await postForm(`/tasks/${sharedIds[0]}`, cookie, {
      intent: "update",
      version,
      title: "Edited after the load",
      description: "",
      status: "TODO",
      assigneeId: "",
      dueDate: "",
    });
    expect(save.status).toBe(302);
    acknowledge(tally, sharedIds[0]!, Number(version));

    // Every acknowledged create is stored.
    const stored = await db.task.findMany({
      where: { id: { in: tally.created } },
      select: { id: true },
    });
    expect(stored.length).toBe(tally.created.length);

    // Each acknowledged update made exactly one new version and one activity entry: no update was
    // applied twice or lost, and none was applied without being acknowledged.
    for (const id of sharedIds) {
      const task = await db.task.findUniqueOrThrow({ where: { id } });
      const acknowledged = tally.acknowledgedUpdates.get(id)?.length ?? 0;
      expect(task.version, `task ${id}`).toBe(1 + acknowledged);
      expect(
        await db.activity.count({
          where: { subjectId: id, action: "task.updated" },
        })
      ).toBe(acknowledged);
    }
  }, 120_000);
});

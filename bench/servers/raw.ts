/**
 * The raw limit: node:http and better-sqlite3 statements prepared once, the same three
 * endpoints with the same meaning and JSON shapes as Tandem and the peer, and nothing else.
 * What Node and SQLite can do on this machine with the same PRAGMAs; no framework, no ORM.
 *
 * Run (bundled by bench/http.ts): node raw.mjs PORT DATABASE_FILE
 */
import { createHash } from "node:crypto";
import http from "node:http";
import { newId } from "#services/db/ids.ts";
import Database from "better-sqlite3";
import { sqlitePragmas } from "#services/db/sqlite-adapter.ts";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const file = process.argv[3] ?? process.env.DATABASE_FILE;
if (!file) throw new Error("usage: raw PORT DATABASE_FILE");

const db = new Database(file);
db.exec(sqlitePragmas());

// One statement each, joined with the people they show, as the other servers' single queries.
const tokenByHash = db.prepare(
  `SELECT t.revokedAt, t.expiresAt, u.id AS userId, u.name AS userName, u.active
   FROM "ApiToken" t JOIN "User" u ON u.id = t.userId WHERE t.secretHash = ?`,
);
const TASK_COLUMNS = `t.id, t.title, t.description, t.status, t.dueDate, t.version, t.completedAt, t.createdAt, t.updatedAt,
  a.id AS assigneeId, a.name AS assigneeName, c.id AS creatorId, c.name AS creatorName
  FROM "Task" t LEFT JOIN "User" a ON a.id = t.assigneeId JOIN "User" c ON c.id = t.creatorId`;
const listTasks = db.prepare(`SELECT ${TASK_COLUMNS} ORDER BY t.createdAt DESC, t.id DESC LIMIT ?`);
const taskById = db.prepare(`SELECT ${TASK_COLUMNS} WHERE t.id = ?`);
const insertTask = db.prepare(
  `INSERT INTO "Task" (id, title, description, status, assigneeId, creatorId, dueDate, searchText, version, completedAt, createdAt, updatedAt)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
);

type TaskRow = {
  id: string;
  title: string;
  description: string;
  status: string;
  dueDate: string | null;
  version: number;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  assigneeId: string | null;
  assigneeName: string | null;
  creatorId: string;
  creatorName: string;
};

/** DateTimes are stored as Prisma's adapter writes them (…+00:00); the API speaks …Z like Tandem. */
const iso = (text: string) => new Date(text).toISOString();
const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

function toJson(row: TaskRow) {
  const due = row.dueDate ? iso(row.dueDate).slice(0, 10) : null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName } : null,
    creator: { id: row.creatorId, name: row.creatorName },
    dueDate: due,
    overdue: due !== null && row.status !== "DONE" && due < new Date().toISOString().slice(0, 10),
    version: row.version,
    completedAt: row.completedAt ? iso(row.completedAt) : null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { "Content-Type": "application/json; charset=utf-8" } : {}), ...headers });
  res.end(text);
}

type User = { id: string; name: string };

function authenticate(req: http.IncomingMessage): User | null {
  const secret = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
  if (!secret) return null;
  const token = tokenByHash.get(createHash("sha256").update(secret).digest("hex")) as
    | { revokedAt: string | null; expiresAt: string | null; userId: string; userName: string; active: number }
    | undefined;
  if (!token || token.revokedAt || !token.active) return null;
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return null;
  return { id: token.userId, name: token.userName };
}

const STATUSES = new Set(["TODO", "IN_PROGRESS", "DONE"]);

/** The same rules as the create schema, by hand: the error list or the clean input. */
function validate(input: unknown) {
  if (typeof input !== "object" || input === null) return null;
  const { title, description = "", status = "TODO", assigneeId = null, dueDate = null } = input as Record<string, unknown>;
  if (typeof title !== "string" || title.trim().length < 1 || title.trim().length > 200) return null;
  if (typeof description !== "string" || description.length > 10_000) return null;
  if (typeof status !== "string" || !STATUSES.has(status)) return null;
  if (assigneeId !== null && (typeof assigneeId !== "string" || assigneeId.length < 1 || assigneeId.length > 64)) return null;
  if (dueDate !== null && (typeof dueDate !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate))) return null;
  return { title: title.trim(), description, status, assigneeId: assigneeId as string | null, dueDate: dueDate as string | null };
}

async function readBody(req: http.IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (!url.pathname.startsWith("/api/tasks")) return send(res, 404, { error: "Not found" });
  const user = authenticate(req);
  if (!user) return send(res, 401, { error: "Unauthorized" });

  if (url.pathname === "/api/tasks" && req.method === "GET") {
    const raw = url.searchParams.get("limit") ?? "20";
    const limit = Number(raw);
    if (!/^\d+$/.test(raw) || limit < 1 || limit > 100) return send(res, 400, { error: "limit is 1 to 100" });
    const rows = listTasks.all(limit + 1) as TaskRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > limit && last ? Buffer.from(JSON.stringify([iso(last.createdAt), last.id])).toString("base64url") : null;
    return send(res, 200, { data: page.map(toJson), nextCursor });
  }

  if (url.pathname === "/api/tasks" && req.method === "POST") {
    let input: unknown;
    try {
      input = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { error: "Send JSON" });
    }
    const data = validate(input);
    if (!data) return send(res, 422, { error: "Invalid task" });
    const id = newId();
    const now = stored(new Date());
    try {
      insertTask.run(
        id,
        data.title,
        data.description,
        data.status,
        data.assigneeId,
        user.id,
        data.dueDate ? `${data.dueDate}T00:00:00.000+00:00` : null,
        `${data.title}\n${data.description}`.toLowerCase(),
        data.status === "DONE" ? now : null,
        now,
        now,
      );
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_FOREIGNKEY") return send(res, 422, { error: "No such assignee" });
      throw error;
    }
    // Read back with the people's names, as the others answer with the stored row.
    const task = toJson(taskById.get(id) as TaskRow);
    return send(res, 201, task, { Location: `/api/tasks/${id}` });
  }

  const match = /^\/api\/tasks\/([^/]+)$/.exec(url.pathname);
  if (match && req.method === "GET") {
    const row = taskById.get(decodeURIComponent(match[1]!)) as TaskRow | undefined;
    if (!row) return send(res, 404, { error: "Not found" });
    const etag = `"v${row.version}"`;
    if (req.headers["if-none-match"] === etag) return send(res, 304, undefined, { ETag: etag });
    return send(res, 200, toJson(row), { ETag: etag });
  }
  return send(res, 404, { error: "Not found" });
}

http
  .createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, { error: "Internal error" });
    });
  })
  .listen(port, () => {
    const journal = db.pragma("journal_mode", { simple: true });
    const synchronous = db.pragma("synchronous", { simple: true });
    console.log(`raw ready on port ${port} (journal_mode=${journal}, synchronous=${synchronous})`);
  });

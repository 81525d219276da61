/**
 * The "old way" peer: Express 5 + Prisma + zod, as a typical tutorial writes a task API.
 * Same database, same Prisma client and stock better-sqlite3 adapter, same PRAGMAs as Tandem,
 * and the same JSON shapes, but none of Tandem's machinery (scopes, rate limit, last-used
 * time, request ids, security headers, log lines, idempotency keys, activity records).
 *
 * Run (bundled by bench/http.ts): node express-prisma.mjs PORT DATABASE_FILE
 */
import { createHash } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import express, { type NextFunction, type Request, type Response } from "express-5";
import { z } from "zod";
import { PrismaClient, type Prisma } from "#prisma/generated/sqlite/client.ts";
import { sqlitePragmas } from "#services/db/sqlite-adapter.ts";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const file = process.argv[3] ?? process.env.DATABASE_FILE;
if (!file) throw new Error("usage: express-prisma PORT DATABASE_FILE");

const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
// The stock adapter opens one connection; setting the PRAGMAs through it applies them to it.
for (const pragma of sqlitePragmas().split(";\n")) await prisma.$queryRawUnsafe(pragma);

const taskSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  dueDate: true,
  version: true,
  completedAt: true,
  createdAt: true,
  updatedAt: true,
  assignee: { select: { id: true, name: true } },
  creator: { select: { id: true, name: true } },
} as const;

type Row = Prisma.TaskGetPayload<{ select: typeof taskSelect }>;

/** The same public shape as Tandem's API: a calendar due date and an `overdue` flag. */
function toJson({ dueDate, ...row }: Row) {
  const today = new Date().toISOString().slice(0, 10);
  const due = dueDate ? dueDate.toISOString().slice(0, 10) : null;
  return { ...row, dueDate: due, overdue: due !== null && row.status !== "DONE" && due < today };
}

type User = { id: string; name: string };
type Authenticated = Request & { user?: User };

async function auth(req: Authenticated, res: Response, next: NextFunction) {
  const secret = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "")?.[1];
  if (!secret) return void res.status(401).json({ error: "Unauthorized" });
  const secretHash = createHash("sha256").update(secret).digest("hex");
  const token = await prisma.apiToken.findUnique({ where: { secretHash }, include: { user: true } });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= new Date()) || !token.user.active) {
    return void res.status(401).json({ error: "Unauthorized" });
  }
  req.user = token.user;
  next();
}

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

const createBody = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).optional(),
  status: z.enum(["TODO", "IN_PROGRESS", "DONE"]).optional(),
  assigneeId: z.string().min(1).max(64).nullable().optional(),
  dueDate: z.iso.date().nullable().optional(),
});

const app = express();
app.use(express.json());
app.use("/api", auth);

app.get("/api/tasks", async (req, res) => {
  const query = listQuery.safeParse(req.query);
  if (!query.success) return void res.status(400).json({ errors: query.error.issues });
  const { limit } = query.data;
  const rows = await prisma.task.findMany({
    take: limit + 1,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: taskSelect,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString("base64url") : null;
  res.json({ data: page.map(toJson), nextCursor });
});

app.post("/api/tasks", async (req: Authenticated, res) => {
  const body = createBody.safeParse(req.body);
  if (!body.success) return void res.status(422).json({ errors: body.error.issues });
  const { title, description = "", status = "TODO", assigneeId, dueDate } = body.data;
  const task = await prisma.task.create({
    data: {
      title,
      description,
      status,
      assigneeId: assigneeId ?? null,
      creatorId: req.user!.id,
      dueDate: dueDate ? new Date(`${dueDate}T00:00:00.000Z`) : null,
      searchText: `${title}\n${description}`.toLowerCase(),
      completedAt: status === "DONE" ? new Date() : null,
    },
    select: taskSelect,
  });
  res.status(201).location(`/api/tasks/${task.id}`).json(toJson(task));
});

app.get("/api/tasks/:id", async (req, res) => {
  const task = await prisma.task.findUnique({ where: { id: req.params.id }, select: taskSelect });
  if (!task) return void res.status(404).json({ error: "Not found" });
  const etag = `"v${task.version}"`;
  res.set("ETag", etag);
  if (req.get("if-none-match") === etag) return void res.status(304).end();
  res.json(toJson(task));
});

const [journal] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
const [sync] = await prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
app.listen(port, () => {
  console.log(`express-prisma ready on port ${port} (journal_mode=${journal?.journal_mode}, synchronous=${sync?.synchronous})`);
});

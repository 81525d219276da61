import { randomBytes } from "node:crypto";
import type { Prisma } from "#services/db/client.ts";
import { db } from "#services/db/client.ts";
import { recogniseMentions } from "./mentions.ts";
import { commentNotifications, taskChangeNotifications, type NewNotification } from "./notifications.ts";
import { passwordHasher } from "./passwords.ts";
import { searchable, type TaskStatus } from "./tasks.ts";

/**
 * A demo workspace for a fresh install: a few people and a few hundred tasks spread over the last
 * six weeks, so the dashboard, the lists and the search have something to show on first start.
 *
 * The generator is a pure function of (seed, now, admin id): a small seeded PRNG picks everything,
 * ids included, so the same inputs always give the same rows (and a test can say so). Only the
 * demo people's passwords are random from the OS: a password derived from a public seed would be a
 * login anyone could compute. Nobody needs those passwords; an admin can set one if wanted.
 *
 * Run by the seed (prisma/seed.ts) only at the moment the first admin is seeded, unless
 * TANDEM_DEMO=0. Like bootstrap.ts this acts for whoever runs the server, not for a signed-in actor.
 */

export const DEMO_SEED = 20_261_124;
export const DEMO_DAYS = 42;
export const DEMO_TASK_COUNT = 300;
export const DEMO_EMAIL_DOMAIN = "demo.tandem.local";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type DemoUser = Omit<Prisma.UserCreateManyInput, "passwordHash"> & { id: string; name: string; email: string; createdAt: Date };
type DemoTask = Prisma.TaskCreateManyInput & { id: string; status: TaskStatus; createdAt: Date; updatedAt: Date };
type DemoActivity = Prisma.ActivityCreateManyInput & { createdAt: Date };
type DemoComment = Prisma.CommentCreateManyInput & { id: string; createdAt: Date };
type DemoNotification = Prisma.NotificationCreateManyInput & { id: string; createdAt: Date };

export type DemoData = {
  users: DemoUser[];
  tasks: DemoTask[];
  activities: DemoActivity[];
  comments: DemoComment[];
  notifications: DemoNotification[];
};

// ---- A small seeded PRNG ----

/** mulberry32: 32 bits of state, fast, good enough for made-up data (never for secrets). */
export function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomTools(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  /** A cuid-shaped id ("c" and 24 base-36 characters), from the PRNG so that it is reproducible. */
  const id = () => "c" + Array.from({ length: 24 }, () => Math.floor(next() * 36).toString(36)).join("");
  return { next, int, pick, chance, id };
}

// ---- The material ----

const PEOPLE = [
  ["Demo Ada Okafor", "ada.okafor"],
  ["Demo Björn Lindqvist", "bjorn.lindqvist"],
  ["Demo Chiara Russo", "chiara.russo"],
  ["Demo Dmitri Volkov", "dmitri.volkov"],
  ["Demo Eun-ji Park", "eunji.park"],
  ["Demo Farah Haddad", "farah.haddad"],
] as const;

const VERBS = ["Fix", "Review", "Write tests for", "Update", "Document", "Refactor", "Design", "Plan", "Investigate", "Clean up", "Draft", "Ship"];

const THINGS = [
  "the login redirect",
  "the onboarding email",
  "the billing export",
  "the CSV import",
  "search result paging",
  "the mobile navigation",
  "the release notes",
  "the status page",
  "the API rate limits",
  "dark mode colours",
  "the invoice PDF",
  "the weekly report",
  "the password reset flow",
  "signup form errors",
  "the dashboard charts",
  "the Q3 roadmap",
  "customer interview notes",
  "the backup restore drill",
  "the accessibility audit",
  "keyboard shortcuts",
  "the webhook retries",
  "the team settings page",
  "slow task list queries",
  "the empty states",
];

/** Titles in other scripts and forms, so search and display meet more than ASCII from the start. */
const WORLD_TITLES = [
  "Übersetzung der Einstellungen prüfen",
  "Straße und Hausnummer: ß in Adressen",
  "Réunion d'équipe : préparer l'ordre du jour",
  "Revisar la traducción al español",
  "日本語のヘルプページを翻訳する",
  "Проверить экспорт в CSV",
  "İstanbul ofisi: arama sonuçlarını kontrol et",
  "Emoji 🎉 in notifications look broken",
  "Ｆｕｌｌｗｉｄｔｈ ＡＰＩ key labels",
  "Café menu: update the prices",
];

const SENTENCES = [
  "Reported by two customers this week.",
  "Check with design before changing the copy.",
  "Blocked until the new endpoint is deployed.",
  "Steps to reproduce are in the support thread.",
  "Keep the old behaviour behind a setting for one release.",
  "Pair on this if it takes more than a day.",
  "The numbers should match the finance spreadsheet.",
  "Works in Firefox, broken in Safari.",
  "Needs a short note in the changelog.",
  "Screen reader users hear the label twice.",
];

/** Comments; `@{}` is replaced with a person's name, which the mention rules then recognise. */
const COMMENTS = [
  "I can take a look at this tomorrow.",
  "@{} could you check the numbers before we ship?",
  "Reproduced on staging:\n\n1. Sign in\n2. Open the page\n3. Watch the spinner never stop",
  "Looks good to me. **Ship it.**",
  "Left a note in the `README` about this.",
  "@{} this one is yours if you want it.",
  "Waiting on the API change, see https://example.com/status",
  "Done on my side; @{} please review.",
  "Is this still needed after the redesign?",
  "_Tested in Safari and Firefox_: both fine now.",
];

/** Notifications older than this were read; newer ones are left unread, so the inbox has some. */
const READ_AFTER_MS = 3 * DAY_MS;

// ---- The generator ----

/**
 * The demo rows, written by `seedDemoData`. Deterministic: the same seed, `now` and admin id
 * give the same rows. Task times fall within the last `days` days, on working hours, a bit more
 * on weekdays; older tasks are more often done; about a third have no due date and a sixth no
 * assignee; open tasks whose due day has passed are overdue.
 */
export function generateDemoData({
  now,
  adminId,
  adminName = "Admin",
  seed = DEMO_SEED,
  taskCount = DEMO_TASK_COUNT,
  days = DEMO_DAYS,
}: {
  now: Date;
  adminId: string;
  adminName?: string;
  seed?: number;
  taskCount?: number;
  days?: number;
}): DemoData {
  const r = randomTools(seed);
  const start = now.getTime() - days * DAY_MS;
  const latest = now.getTime() - 60_000;
  const clamp = (time: number) => Math.min(time, latest);

  const users: DemoUser[] = PEOPLE.map(([name, local], i) => ({
    id: r.id(),
    email: `${local}@${DEMO_EMAIL_DOMAIN}`,
    name,
    role: "MEMBER",
    createdAt: new Date(start - DAY_MS + i * HOUR_MS),
  }));
  const everyone = [adminId, ...users.map((user) => user.id)];

  const activities: DemoActivity[] = users.map((user) => ({
    id: r.id(),
    actorId: adminId,
    action: "user.created",
    subjectType: "user",
    subjectId: user.id,
    subjectName: user.name,
    details: JSON.stringify({ email: user.email, role: "MEMBER" }),
    createdAt: user.createdAt,
  }));

  const people = [{ id: adminId, name: adminName, email: "" }, ...users.map(({ id, name, email }) => ({ id, name, email }))];
  const comments: DemoComment[] = [];
  const notifications: DemoNotification[] = [];
  // The same rules as the services (services/notifications.ts), so the inbox looks as it would.
  const notify = (actorId: string, notes: NewNotification[], at: Date) => {
    for (const note of notes) {
      notifications.push({
        id: r.id(),
        ...note,
        commentId: note.commentId ?? null,
        details: JSON.stringify(note.details ?? {}),
        actorId,
        createdAt: at,
        readAt: now.getTime() - at.getTime() > READ_AFTER_MS ? new Date(at.getTime() + HOUR_MS) : null,
      });
    }
  };

  const tasks: DemoTask[] = [];
  for (let i = 0; i < taskCount; i++) {
    const createdAt = new Date(workingTime(r, start, now.getTime() - HOUR_MS, days));
    const ageDays = (now.getTime() - createdAt.getTime()) / DAY_MS;
    const title = i % 30 === 7 ? WORLD_TITLES[Math.floor(i / 30) % WORLD_TITLES.length]! : `${r.pick(VERBS)} ${r.pick(THINGS)}`;
    const description = r.chance(0.4) ? "" : Array.from({ length: r.int(1, 2) }, () => r.pick(SENTENCES)).join(" ");
    const creatorId = r.pick(everyone);
    const assigneeId = r.chance(0.16) ? null : r.pick(everyone);
    const dueDate = r.chance(0.35) ? null : utcDay(createdAt.getTime() + r.int(2, 21) * DAY_MS);

    // Older tasks are more often finished; some go TODO → DONE directly.
    const pDone = Math.min(0.85, 0.08 + ageDays * 0.03);
    const status: TaskStatus = r.chance(pDone) ? "DONE" : r.chance(0.3) ? "IN_PROGRESS" : "TODO";
    const transitions: { from: TaskStatus; to: TaskStatus; at: Date }[] = [];
    let completedAt: Date | null = null;
    if (status !== "TODO") {
      const room = now.getTime() - createdAt.getTime();
      // Created at least an hour ago, so each change comes strictly after the one before.
      const startedAt = new Date(clamp(createdAt.getTime() + 60_000 + r.next() * Math.min(room * 0.5, 4 * DAY_MS)));
      if (status === "IN_PROGRESS" || r.chance(0.7)) transitions.push({ from: "TODO", to: "IN_PROGRESS", at: startedAt });
      if (status === "DONE") {
        const from = transitions.length ? startedAt.getTime() : createdAt.getTime();
        completedAt = new Date(clamp(from + HOUR_MS + r.next() * Math.min(now.getTime() - from, 10 * DAY_MS)));
        transitions.push({ from: transitions.length ? "IN_PROGRESS" : "TODO", to: "DONE", at: completedAt });
      }
    }

    const id = r.id();
    tasks.push({
      id,
      title,
      description,
      status,
      creatorId,
      assigneeId,
      dueDate,
      searchText: searchable(`${title}\n${description}`),
      version: 1 + transitions.length,
      completedAt,
      createdAt,
      updatedAt: transitions.at(-1)?.at ?? createdAt,
    });
    activities.push({
      id: r.id(),
      actorId: creatorId,
      action: "task.created",
      subjectType: "task",
      subjectId: id,
      subjectName: title,
      details: "{}",
      createdAt,
    });
    notify(creatorId, taskChangeNotifications({ id: creatorId }, { id, creatorId, assigneeId }, { assigneeBefore: null }), createdAt);
    for (const { from, to, at } of transitions) {
      notify(assigneeId ?? creatorId, taskChangeNotifications({ id: assigneeId ?? creatorId }, { id, creatorId, assigneeId }, { assigneeBefore: assigneeId, status: { from, to } }), at);
      activities.push({
        id: r.id(),
        actorId: assigneeId ?? creatorId,
        action: "task.status_changed",
        subjectType: "task",
        subjectId: id,
        subjectName: title,
        details: JSON.stringify({ status: { from, to } }),
        createdAt: at,
      });
    }

    // About a quarter of the tasks have a short conversation, some of it mentioning people.
    if (r.chance(0.25)) {
      let at = createdAt.getTime();
      for (let n = r.int(1, 3); n > 0; n--) {
        at = clamp(at + 10 * 60_000 + r.next() * Math.min(now.getTime() - at, 3 * DAY_MS) * 0.5);
        const authorId = r.pick(everyone);
        const body = r.pick(COMMENTS).replace("@{}", () => `@${r.pick(people.filter((person) => person.id !== authorId)).name}`);
        const mentions = recogniseMentions(body, people);
        const comment = { id: r.id(), taskId: id, authorId, body, mentions: JSON.stringify(mentions), createdAt: new Date(at), updatedAt: new Date(at) };
        comments.push(comment);
        notify(authorId, commentNotifications({ id: authorId }, { id, creatorId, assigneeId }, { id: comment.id, isNew: true, mentioned: mentions }), comment.createdAt);
      }
    }
  }
  return { users, tasks, activities, comments, notifications };
}

/** A moment after `start` and before `latest`, between 08:00 and 18:00 UTC, weekends half as likely. */
function workingTime(r: ReturnType<typeof randomTools>, start: number, latest: number, days: number) {
  const firstDay = utcDay(start).getTime();
  for (;;) {
    const day = new Date(firstDay + r.int(0, days) * DAY_MS);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (weekend && r.chance(0.5)) continue;
    const time = day.getTime() + 8 * HOUR_MS + r.next() * 10 * HOUR_MS;
    if (time >= start && time <= latest) return time;
  }
}

function utcDay(time: number) {
  const date = new Date(time);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

// ---- Writing it ----

export type DemoSummary = { users: number; tasks: number; activities: number; comments: number; notifications: number };

/**
 * Writes the demo workspace in one batch transaction of three createMany calls (a few hundred
 * rows in a few milliseconds; per-row creates would cost ~0.5 ms each, docs/prisma.md). The demo
 * people's password hashes are made before it starts, never inside it (decision 0003).
 */
export async function seedDemoData(
  admin: { id: string; name?: string },
  options: { now?: Date; seed?: number; taskCount?: number } = {},
): Promise<DemoSummary> {
  const { users, tasks, activities, comments, notifications } = generateDemoData({
    ...options,
    now: options.now ?? new Date(),
    adminId: admin.id,
    adminName: admin.name,
  });
  const hashes = await Promise.all(users.map(() => passwordHasher.hash(randomBytes(24).toString("base64url"))));
  await db.$transaction([
    db.user.createMany({ data: users.map((user, i) => ({ ...user, passwordHash: hashes[i]! })) }),
    db.task.createMany({ data: tasks }),
    db.activity.createMany({ data: activities }),
    db.comment.createMany({ data: comments }),
    db.notification.createMany({ data: notifications }),
  ]);
  return { users: users.length, tasks: tasks.length, activities: activities.length, comments: comments.length, notifications: notifications.length };
}

import http from "node:http";
import net from "node:net";
import { db } from "#services/db/client.ts";
import { createToken } from "#services/tokens.ts";
import { baseUrl } from "#tests/api/support.ts";
import { createAdmin, createTaskRow, createUser } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { HTTP_DB } from "#tests/support/http-server.ts";
import { ownPort, startOwnServer } from "#tests/support/own-server.ts";

/**
 * Tools for the attacks: real HTTP to the production server, including requests fetch will not
 * send (dot segments left in a path, a Host of our choosing, a lying Content-Length, a chunked
 * body of any size), and a cast of people to attack with.
 */

export type Answer = { status: number; headers: Headers; text: string };

type SendOptions = {
  method?: string;
  cookie?: string;
  /** The Origin header to send: a value, or `false` for none (what a script sends). Same-site by default. */
  origin?: string | false;
  form?: Record<string, string>;
  /** A body sent as it is, still labelled as a form unless `headers` say otherwise. */
  body?: string | URLSearchParams;
  headers?: Record<string, string>;
};

/** A request as a browser form (or a script imitating one) sends it; redirects are not followed. */
export async function send(path: string, { method = "POST", cookie, origin, form, body, headers = {} }: SendOptions = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    redirect: "manual",
    headers: {
      ...(form || body !== undefined ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      ...(origin === false ? {} : { Origin: origin ?? baseUrl() }),
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    body: form ? new URLSearchParams(form) : body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A page as a browser follows a link to it: GET, no Origin, redirects not followed. */
export const getPage = (path: string, options: Pick<SendOptions, "cookie" | "headers"> = {}) =>
  send(path, { ...options, method: "GET", origin: false });

function toHeaders(raw: http.IncomingHttpHeaders) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * A request written byte for byte by node:http, for what fetch will not send: a path with
 * dot segments left in, a Host header of our choosing, a method fetch refuses (TRACE). `base`
 * is the server to send it to (the shared one by default).
 */
export function rawRequest(
  path: string,
  { method = "GET", headers = {}, body, base = baseUrl() }: { method?: string; headers?: Record<string, string>; body?: string | Buffer; base?: string } = {},
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path, method, headers: { ...(body ? { "Content-Length": String(Buffer.byteLength(body)) } : {}), ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: toHeaders(response.headers), text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * A fresh cast for one attack: a signed-in admin and member, a deactivated member, a task the
 * admin created (assigned to nobody) and one API token of the admin's.
 */
export async function arrangeTeam() {
  const admin = await createAdmin();
  const member = await createUser();
  const inactive = await createUser({ active: false });
  const task = await createTaskRow(admin, { title: `Guarded task ${admin.id.slice(0, 6)}` });
  const { token, secret } = await createToken(admin.actor, { name: "guarded token", scopes: ["write"] });
  return {
    admin,
    member,
    inactive,
    task,
    token,
    secret,
    adminCookie: await signIn(admin),
    memberCookie: await signIn(member),
  };
}

export type Team = Awaited<ReturnType<typeof arrangeTeam>>;

/**
 * Every action a page offers, each as the valid form its own page would post for the admin.
 * (app/routes.ts: login, logout, tasks, tasks/new, tasks/board, tasks/:id, users, users/new, users/invite,
 * users/:id, settings, settings/tokens; the other pages have no action but the public link pages,
 * invite/:secret and reset/:secret, whose secret no cross-site attacker has.)
 */
export const UI_ACTIONS: { name: string; request: (team: Team) => { path: string; form: Record<string, string>; cookie?: string } }[] = [
  { name: "sign in", request: (t) => ({ path: "/login", form: { email: t.admin.email, password: t.admin.password } }) },
  { name: "sign out", request: (t) => ({ path: "/logout", form: {}, cookie: t.adminCookie }) },
  {
    name: "add a person",
    request: (t) => ({
      path: "/users/new",
      form: { name: "Planted Person", email: `planted-${t.admin.id}@evil.test`, role: "ADMIN", password: "planted password 123" },
      cookie: t.adminCookie,
    }),
  },
  {
    name: "rename and promote someone",
    request: (t) => ({ path: `/users/${t.member.id}`, form: { intent: "update", name: "Renamed", role: "ADMIN" }, cookie: t.adminCookie }),
  },
  {
    name: "set someone's password",
    request: (t) => ({ path: `/users/${t.member.id}`, form: { intent: "set-password", password: "attacker password 1" }, cookie: t.adminCookie }),
  },
  { name: "deactivate someone", request: (t) => ({ path: `/users/${t.member.id}`, form: { intent: "deactivate" }, cookie: t.adminCookie }) },
  { name: "reactivate someone", request: (t) => ({ path: `/users/${t.inactive.id}`, form: { intent: "reactivate" }, cookie: t.adminCookie }) },
  {
    name: "invite someone",
    request: (t) => ({ path: "/users/invite", form: { intent: "invite", name: "Planted", email: `planted-invite-${t.admin.id}@evil.test`, role: "ADMIN" }, cookie: t.adminCookie }),
  },
  { name: "make a password-reset link", request: (t) => ({ path: `/users/${t.member.id}`, form: { intent: "reset-link" }, cookie: t.adminCookie }) },
  {
    name: "change one's own password",
    request: (t) => ({
      path: "/settings",
      form: { intent: "change-password", currentPassword: t.admin.password, newPassword: "attacker password 2" },
      cookie: t.adminCookie,
    }),
  },
  { name: "sign out everywhere", request: (t) => ({ path: "/settings", form: { intent: "sign-out-everywhere" }, cookie: t.adminCookie }) },
  {
    name: "create an API token",
    request: (t) => ({ path: "/settings/tokens", form: { intent: "create", name: "planted", scopes: "write" }, cookie: t.adminCookie }),
  },
  {
    name: "revoke an API token",
    request: (t) => ({ path: "/settings/tokens", form: { intent: "revoke", tokenId: t.token.id }, cookie: t.adminCookie }),
  },
  { name: "create a task", request: (t) => ({ path: "/tasks/new", form: { title: "Planted task" }, cookie: t.adminCookie }) },
  {
    name: "edit a task",
    request: (t) => ({
      path: `/tasks/${t.task.id}`,
      form: { intent: "update", title: "Defaced", description: "", status: "DONE", assigneeId: "", dueDate: "", version: String(t.task.version) },
      cookie: t.adminCookie,
    }),
  },
  {
    name: "delete a task",
    request: (t) => ({ path: `/tasks/${t.task.id}`, form: { intent: "delete", version: String(t.task.version) }, cookie: t.adminCookie }),
  },
  {
    name: "change a task's status from the list",
    request: (t) => ({
      path: "/tasks",
      form: { intent: "status", taskId: t.task.id, status: "DONE", version: String(t.task.version) },
      cookie: t.adminCookie,
    }),
  },
  {
    name: "move a task on the board",
    request: (t) => ({
      path: "/tasks/board",
      form: { intent: "status", taskId: t.task.id, status: "IN_PROGRESS", version: String(t.task.version) },
      cookie: t.adminCookie,
    }),
  },
  {
    name: "take a task from the list",
    request: (t) => ({ path: "/tasks", form: { intent: "take", taskId: t.task.id, version: String(t.task.version) }, cookie: t.adminCookie }),
  },
  {
    name: "take a task on its page",
    request: (t) => ({
      path: `/tasks/${t.task.id}`,
      form: { intent: "take", taskId: t.task.id, version: String(t.task.version) },
      cookie: t.adminCookie,
    }),
  },
];

/**
 * Sends `total` bytes of `fill` as a chunked body (no Content-Length), stopping as soon as the
 * server answers; resolves with the answer and how much was sent by then.
 */
export function sendChunked(path: string, { headers, total, fill = "x" }: { headers: Record<string, string>; total: number; fill?: string }) {
  const chunk = Buffer.alloc(64 * 1024, fill);
  return new Promise<Answer & { sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(`${baseUrl()}${path}`, { method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } });
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (data) => (text += data));
      response.on("end", () => resolve({ status: response.statusCode!, headers: toHeaders(response.headers), text, sent }));
    });
    // Once the server has answered and closed, writing fails; that is expected.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.byteLength;
        if (!request.write(chunk)) return request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/**
 * Writes `head` and `body` on a bare socket, byte for byte (headers that contradict the body
 * included), and returns the first answer. Resolves when the server closes or `waitMs` passes.
 */
export function rawExchange(head: string, body: string | Buffer = "", waitMs = 5_000) {
  const url = new URL(baseUrl());
  return new Promise<{ status: number; raw: string }>((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let raw = "";
    const finish = () => {
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
      resolve({ status, raw });
    };
    const timer = setTimeout(finish, waitMs);
    socket.setEncoding("utf8");
    socket.on("data", (data) => (raw += data));
    socket.on("close", () => {
      clearTimeout(timer);
      finish();
    });
    socket.on("error", (error) => (raw ? undefined : reject(error)));
    socket.write(head.replace(/\n/g, "\r\n") + "\r\n");
    if (body.length) socket.write(body);
  });
}

/** Undoes React's escaping of text and attribute values, to compare what the page shows with what was typed. */
export function unescapeHtml(text: string) {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * A second production server with settings of its own (ALLOWED_SAME_SITE, TRUST_PROXY) on the
 * shared server's database, SQLite or PostgreSQL alike, so the people a test arranged can sign in
 * there too. `offset` picks its port beside the shared server's (tests/support/own-server.ts).
 */
export function startServerOnSharedDatabase(offset: number, env: Record<string, string>) {
  return startOwnServer({ port: ownPort(offset), databaseFile: HTTP_DB, env: { DATABASE_URL: process.env.DATABASE_URL!, ...env } });
}

import http from "node:http";
import { db } from "../../services/db/client.ts";
import { createToken } from "../../services/tokens.ts";
import { baseUrl } from "../api/support.ts";
import { createAdmin, createTaskRow, createUser } from "../support/factories.ts";
import { signIn } from "../support/http.ts";

/**
 * Helpers for the access and authorization attacks: real HTTP to the production server, and
 * a picture of everything a refused request must leave alone, read from its database.
 */

export type Answer = { status: number; headers: Headers; text: string };

type SendOptions = {
  method?: string;
  cookie?: string;
  /** The Origin header to send: a value, or `false` for none (what a script sends). Same-site by default. */
  origin?: string | false;
  form?: Record<string, string>;
  headers?: Record<string, string>;
};

/** A request as a browser form (or a script imitating one) sends it; redirects are not followed. */
export async function send(path: string, { method = "POST", cookie, origin, form, headers = {} }: SendOptions = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    redirect: "manual",
    headers: {
      ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      ...(origin === false ? {} : { Origin: origin ?? baseUrl() }),
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    body: form ? new URLSearchParams(form) : undefined,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * A request written byte for byte by node:http, for what fetch will not send: a path with
 * dot segments left in, or a Host header of our choosing.
 */
export function rawRequest(
  path: string,
  { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const url = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path, method, headers: { ...(body ? { "Content-Length": String(Buffer.byteLength(body)) } : {}), ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => {
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
          }
          resolve({ status: response.statusCode!, headers: answerHeaders, text });
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * Every row a UI or API action could write, in a stable order. Not included: login failures
 * (counting a failed attempt is the throttle's job) and a token's last-used time (using a
 * token is not a change to it).
 */
export async function everythingWritable() {
  const [users, sessions, tasks, tokens, activities, idempotencyKeys] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.session.findMany({ orderBy: { id: "asc" } }),
    db.task.findMany({ orderBy: { id: "asc" } }),
    db.apiToken.findMany({ orderBy: { id: "asc" }, omit: { lastUsedAt: true } }),
    db.activity.findMany({ orderBy: { id: "asc" } }),
    db.idempotencyKey.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { users, sessions, tasks, tokens, activities, idempotencyKeys };
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
 * (app/routes.ts: login, logout, tasks, tasks/new, tasks/:id, users/new, users/:id, settings,
 * settings/tokens; the other pages have no action.)
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
];

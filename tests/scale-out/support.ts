import http from "node:http";
import { readFileSync } from "node:fs";
import { db } from "#services/db/client.ts";
import { createToken } from "#services/tokens.ts";
import { signIn } from "#tests/support/http.ts";
import { SCALE_OUT, STATE_FILE } from "./cluster-setup.ts";

export type ClusterState = { pid: number; url: string; instances: { port: number; pid: number }[]; rollingRestarts: number };

/** Where the cluster and its instances are now (an instance started again has a new pid). */
export function clusterState(): ClusterState {
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as ClusterState;
}

export const proxyUrl = () => `http://127.0.0.1:${SCALE_OUT.port}`;
export const instanceUrl = (index: number) => `http://127.0.0.1:${clusterState().instances[index]!.port}`;

export type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string; error?: string };

/**
 * One request on a connection of its own (no keep-alive, as a careful client does when it must
 * tell a refused request from a closed idle connection). Never throws: a network failure is
 * status 0 with the error, so load loops can count it.
 */
export function send(
  url: string,
  { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.request(url, { method, headers: { ...headers, Connection: "close" }, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, text }));
      response.on("error", (error) => resolve({ status: 0, headers: {}, text, error: error.message }));
    });
    request.on("error", (error) => resolve({ status: 0, headers: {}, text: "", error: error.message }));
    request.setTimeout(30_000, () => request.destroy(new Error("timed out")));
    request.end(body);
  });
}

/** The seeded admin, a fresh API token of theirs with write scope, and a signed-in session cookie. */
export async function seededAdmin() {
  const admin = await db.user.findUniqueOrThrow({ where: { email: SCALE_OUT.admin.email } });
  const actor = { id: admin.id, role: admin.role, name: admin.name, email: admin.email };
  const { secret } = await createToken(actor, { name: `scale-out ${Date.now()}`, scopes: ["write"] });
  return { admin, actor, bearer: { Authorization: `Bearer ${secret}` }, cookie: await signIn(admin) };
}

/**
 * Bearer headers of `count` fresh tokens of the seeded admin: load loops spread their requests over
 * them so that the per-token rate limit (SCALE_OUT.rateLimit a minute) is not what they measure.
 */
export async function manyBearers(count: number) {
  const { actor } = await seededAdmin();
  const bearers = [];
  for (let i = 0; i < count; i++) {
    const { secret } = await createToken(actor, { name: `scale-out load ${i}`, scopes: ["write"] });
    bearers.push({ Authorization: `Bearer ${secret}` });
  }
  return bearers;
}

/** A browser's form post to `base` (its own Origin), with the cookies given. */
export function postForm(base: string, path: string, fields: Record<string, string>, cookie: string) {
  return send(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The cookies a response sets, as `name=value` pairs for the next request's Cookie header. */
export function setCookies(answer: Answer): string[] {
  return (answer.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]!);
}

export const createTaskBody = (title: string) => JSON.stringify({ title });

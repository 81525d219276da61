import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { jsonRoutePatterns, matchJsonRoute } from "#server/json-door.ts";
import { baseUrl, personWithToken } from "./support.ts";

/**
 * The server answers the JSON door's requests by calling the resource routes itself
 * (server/json-door.ts) instead of through Remix's request handler. Both must route every request
 * to the same place and answer it the same way: here each request goes once over HTTP to the
 * running server and once, in this process, through Remix's own handler on the same production
 * build and database, and the answers are compared.
 */
let build: ServerBuild;
let remix: ReturnType<typeof createRequestHandler>;
let token: string;

beforeAll(async () => {
  build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
  remix = createRequestHandler(build, "production");
  ({ token } = await personWithToken("ADMIN"));
});

type Case = { method?: string; path: string; auth?: boolean; json?: unknown };

async function bothWays({ method = "GET", path: target, auth = false, json }: Case) {
  const init = () => ({
    method,
    redirect: "manual" as const,
    headers: {
      ...(auth ? { Authorization: `Bearer ${token}` } : {}),
      ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
      "X-Request-Id": "json-door-parity",
    },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  });
  const overHttp = await fetch(`${baseUrl()}${target}`, init());
  const throughRemix = await remix(new Request(`${baseUrl()}${target}`, init()), { clientAddress: "127.0.0.1" });
  return { door: await summary(overHttp), remix: await summary(throughRemix) };
}

async function summary(response: Response) {
  const type = response.headers.get("content-type") ?? "";
  const text = await response.text();
  const body = /json/.test(type) ? withoutVolatileFields(JSON.parse(text)) : type.startsWith("text/html") ? "(a page)" : text;
  // A created resource's Location ends in its new id.
  const location = response.headers.get("location")?.replace(/\/[^/]+$/, "/{id}") ?? null;
  return { status: response.status, type, allow: response.headers.get("allow"), location, body };
}

/** What differs between two answers to the same request by nature: new ids and times. */
function withoutVolatileFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatileFields);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !["id", "createdAt", "updatedAt", "lastUsedAt"].includes(key))
      .map(([key, inner]) => [key, withoutVolatileFields(inner)]),
  );
}

describe("the JSON door and Remix's handler", () => {
  const cases: (Case & { served: boolean })[] = [
    { path: "/healthz", served: true },
    { path: "/api/me", served: true },
    { path: "/api/me", auth: true, served: true },
    { path: "/API/Me/", auth: true, served: true },
    { path: "/api/tasks?limit=2", auth: true, served: true },
    { path: "/api/tasks?status=NOPE", auth: true, served: true },
    { path: "/api/tasks/nobody-has-this-id", auth: true, served: true },
    { path: "/api/tasks/a%2Fb/activity", auth: true, served: true },
    { path: "/api/users?limit=1", auth: true, served: true },
    { path: "/api/openapi.json", served: true },
    { path: "/api/nothing/here", auth: true, served: true },
    { path: "/api", auth: true, served: true },
    { method: "DELETE", path: "/api/me", auth: true, served: true },
    { method: "POST", path: "/api/tasks", auth: true, json: { title: "Both doors" }, served: true },
    { method: "POST", path: "/api/tasks", auth: true, json: { title: "" }, served: true },
    // Pages, even under /api, are Remix's.
    { path: "/api/docs", served: false },
    { path: "/login", served: false },
    { path: "/tasks/some-id", served: false },
  ];

  for (const request of cases) {
    const label = `${request.method ?? "GET"} ${request.path}${request.auth ? " with a token" : ""}${request.json ? ` ${JSON.stringify(request.json)}` : ""}`;
    it(`${label}: ${request.served ? "served by the door" : "left to Remix"}, the same answer either way`, async () => {
      const pathname = new URL(request.path, "http://x").pathname;
      expect(matchJsonRoute(jsonRoutePatterns(build), pathname) !== null).toBe(request.served);
      const { door, remix: expected } = await bothWays(request);
      expect(door).toEqual(expected);
    });
  }
});

import { index, layout, route, type RouteConfig } from "@remix-run/route-config";

export default [
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  route("healthz", "routes/healthz.ts"),
  route("api/me", "routes/api.me.ts"),
  route("api/users", "routes/api.users.ts"),
  route("api/users/:id", "routes/api.users.$id.ts"),
  route("api/openapi.json", "routes/api.openapi[.]json.ts"),
  route("api/docs", "routes/api.docs.tsx"),
  route("api/tasks", "routes/api.tasks.ts"),
  route("api/tasks/:id", "routes/api.tasks.$id.ts"),
  route("api/tasks/:id/activity", "routes/api.tasks.$id.activity.ts"),
  route("api/tasks/:id/take", "routes/api.tasks.$id.take.ts"),
  route("api/tasks/:id/release", "routes/api.tasks.$id.release.ts"),
  route("api/*", "routes/api.not-found.ts"),
  layout("routes/signed-in-layout.tsx", [
    index("routes/home.tsx"),
    route("tasks", "routes/tasks.tsx"),
    route("tasks/new", "routes/tasks.new.tsx"),
    route("tasks/:id", "routes/tasks.$id.tsx"),
    route("users", "routes/users.tsx"),
    route("users/new", "routes/users.new.tsx"),
    route("users/:id", "routes/users.$id.tsx"),
    route("settings", "routes/settings.tsx"),
    route("settings/tokens", "routes/settings.tokens.tsx"),
  ]),
] satisfies RouteConfig;

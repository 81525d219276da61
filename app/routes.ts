import { index, layout, route, type RouteConfig } from "@remix-run/route-config";

export default [
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  layout("routes/signed-in-layout.tsx", [
    index("routes/home.tsx"),
    route("users", "routes/users.tsx"),
    route("users/new", "routes/users.new.tsx"),
    route("users/:id", "routes/users.$id.tsx"),
    route("settings", "routes/settings.tsx"),
  ]),
] satisfies RouteConfig;

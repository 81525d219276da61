import { openApiJson } from "~/api/openapi.server";
import { publicApiRoute } from "~/api/route.server";

/** GET /api/openapi.json, no token: the OpenAPI 3.1 document, built once per process. */
const api = publicApiRoute({
  async GET() {
    return new Response(openApiJson(), { headers: { "Content-Type": "application/json; charset=utf-8" } });
  },
});

export const loader = api.loader;
export const action = api.action;

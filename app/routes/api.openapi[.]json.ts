import { z } from "zod";
import { API_VERSION } from "#app/api/openapi-kit.server.ts";
import { openApiJson } from "#app/api/openapi.server.ts";
import { publicApiRoute } from "#app/api/route.server.ts";

// Its parts are OpenAPI's own, not ours to restate.
const openApiDocumentSchema = z
  .object({
    openapi: z.literal("3.1.0"),
    info: z.object({ title: z.string(), version: z.string() }).loose(),
    paths: z.record(z.string(), z.object({}).loose()),
    components: z.object({}).loose(),
  })
  .loose()
  .meta({ id: "OpenApiDocument", description: "An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0)." });

/** GET /api/openapi.json, no token: the OpenAPI 3.1 document, built once per process. */
const api = publicApiRoute(
  { path: "/api/openapi.json", tag: "Service" },
  {
    GET: {
      operationId: "getOpenApiDocument",
      summary: "Get this document",
      description:
        "This OpenAPI 3.1 description of the API, generated from the schemas the server validates with. Needs no token. /api/docs shows it as a page.",
      responses: {
        200: {
          description: "The OpenAPI document.",
          schema: openApiDocumentSchema,
          examples: {
            document: ["The start of this document", { openapi: "3.1.0", info: { title: "Tandem API", version: API_VERSION }, paths: {}, components: {} }],
          },
        },
      },
      async handle() {
        return new Response(openApiJson(), { headers: { "Content-Type": "application/json; charset=utf-8" } });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ApiDocs } from "#app/components/api-docs.tsx";
import { apiDocsModel } from "#app/api/docs-model.server.ts";
import { openApiDocument } from "#app/api/openapi.server.ts";
import { siteOrigin } from "#app/request.server.ts";

/** GET /api/docs, no sign-in: the API reference for people, drawn from /api/openapi.json. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiDocsModel(openApiDocument(), siteOrigin(request));
}

export const meta: MetaFunction = () => [
  { title: "Tandem API" },
  { name: "description", content: "The Tandem JSON API: endpoints, examples and problem types." },
];

export default function ApiDocsRoute() {
  return <ApiDocs docs={useLoaderData<typeof loader>()} />;
}

import { HttpProblem } from "#app/api/problem.server.ts";
import { publicApiRoute } from "#app/api/route.server.ts";

/** Any /api path no route claims: a problem+json 404 for every method, never an HTML page. */
const notFound = async ({ request }: { request: Request }): Promise<Response> => {
  throw new HttpProblem(404, "not-found", "Not Found", `There is no API endpoint at ${new URL(request.url).pathname}.`);
};

const api = publicApiRoute({ GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound });

export const loader = api.loader;
export const action = api.action;

import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggestPeople } from "#services/mentions.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

/**
 * GET /people/suggestions?q=gr: the people a mention being typed may mean, for the completion in
 * comment and description fields (app/components/mention-completion.tsx). Signed-in pages only;
 * each suggestion carries the handle to insert. Without JavaScript nobody calls it, and typing the
 * name works the same.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  // Anyone signed in sees the whole team (README's permission table).
  await requireSignedIn(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const people = await suggestPeople(q);
  return Response.json(
    people.map(({ id, name, email, handle }) => ({ id, name, email, handle })),
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

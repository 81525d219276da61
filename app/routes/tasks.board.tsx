import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { getTaskBoard } from "#services/board.ts";
import { can } from "#services/permissions.ts";
import { listAssignablePeople } from "#services/tasks.ts";
import { TaskBoard, type BoardColumnView } from "#app/components/task-board.tsx";
import { TaskFilterForm } from "#app/components/task-list.tsx";
import { ViewLinks } from "#app/components/task-views.tsx";
import { queryProblem } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { statusIntent } from "#app/forms/task-status.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";
import { listQuery } from "#app/forms/task-form.server.ts";

export const meta: MetaFunction = () => [{ title: "Board · Tandem" }];

/** The same filters as the list, read from the URL the same way (the list's cursor is not used here). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const { filters } = listQuery(new URL(request.url));
  const people = await listAssignablePeople(actor);
  try {
    const board = await getTaskBoard(actor, filters);
    // Only what a card shows, and whether the viewer may move it (the service checks again).
    const columns = board.map(
      ({ status, total, cards }): BoardColumnView => ({
        status,
        total,
        cards: cards.map(({ creatorId, ...card }) => ({ ...card, canMove: can(actor, "task.edit", { creatorId, assigneeId: card.assignee?.id ?? null }) })),
      }),
    );
    return { columns, filters, people, problem: null };
  } catch (error) {
    // A filter the service refuses: the board's filter form says which, as the list's does.
    const problem = queryProblem(error);
    return data({ columns: [], filters, people, problem }, { status: 400 });
  }
}

/**
 * A card's move forms: the list's status change, back to this same board (filters kept) at the
 * card, with a flash saying what moved. A refusal stays on the board (403/404/409 included).
 */
export const action = intentAction(
  {
    status: statusIntent((url, task) => `/tasks/board${url.search}#task-${task.id}`),
  },
  { inline: true },
);

/** After a refused move the board is read again, so the cards show what is stored now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus !== undefined && actionStatus >= 400 ? true : defaultShouldRevalidate;

export default function Board() {
  const { columns, filters, people, problem } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const location = useLocation();
  return (
    <>
      <div className="page-header">
        <h1>Board</h1>
        <Link to="/tasks/new" className="button">
          New task
        </Link>
      </div>
      <ViewLinks current="board" filters={filters} />
      {/* Keyed by the URL, so "Clear filters" and the back button reset the fields with JavaScript too. */}
      <TaskFilterForm key={location.search} filters={filters} people={people} problem={problem} clearTo="/tasks/board" />
      {problem ? (
        <p>
          <Link to="/tasks/board">Show the whole board</Link>
        </p>
      ) : (
        // Keyed by the filters as read (not the URL's text, which a move's redirect may spell differently):
        // another board starts without the last one's messages; after a move the board and its focus stay.
        <TaskBoard key={JSON.stringify(filters)} columns={columns} filters={filters} refusal={refusal} />
      )}
    </>
  );
}

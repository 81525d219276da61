import { Link, useFetcher, useFetchers, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import type { FormState } from "#app/forms/state.ts";
import { DueDate } from "./task-list.tsx";
import { STATUS_LABELS, type TaskStatus } from "./task-status.tsx";
import { tasksHref } from "./task-views.tsx";

export type BoardCardView = {
  id: string;
  title: string;
  status: TaskStatus;
  version: number;
  assignee: { id: string; name: string } | null;
  dueDate: string | null;
  overdue: boolean;
  /** The viewer may change its status (`can(actor, "task.edit", …)`): only then are there move controls. */
  canMove: boolean;
};

export type BoardColumnView = { status: TaskStatus; total: number; cards: BoardCardView[] };

/** The columns left to right; the arrow keys move a card one column along this order. */
const COLUMN_ORDER: TaskStatus[] = ["TODO", "IN_PROGRESS", "DONE"];

/**
 * Each card's moves go through one fetcher of its own, so the board can tell which moves are in flight.
 * A moving card is unmounted from one list and mounted in another; its fetcher lives on because the
 * app runs with `v3_fetcherPersist` (decision 0001): a fetcher in flight outlives its component.
 */
const moveKey = (taskId: string) => `board-move-${taskId}`;

const KEYS_HINT_ID = "board-keys-hint";

type Mover = {
  /** With JavaScript: drag and drop, arrow keys, focus following the moved card. */
  enhanced: boolean;
  /** The card that keeps the focus after it moved (a keyboard or button move), if any. */
  follow: string | null;
  setFollow: (taskId: string | null) => void;
  /** Sends a move (drag and drop, arrow keys); the move forms send themselves and call `moved`. */
  move: (card: BoardCardView, to: TaskStatus, keepFocus: boolean) => void;
  moved: (card: BoardCardView, to: TaskStatus, keepFocus: boolean) => void;
  refused: (card: BoardCardView, answer: FormState) => void;
  setDragging: (card: BoardCardView | null) => void;
};

/**
 * The board: a column per status, with the count of every matching task in it and its first cards.
 *
 * Every card the viewer may change has a small post form per other status ("Move to Done": intent
 * `status`, as the list's rows send it), answered without JavaScript by a redirect back to this
 * board at the card. With JavaScript the same forms go through the card's fetcher, and cards also
 * move by drag and drop and by the left and right arrow keys. A move shows at once (the card in its
 * new column, the counts changed) from the fetchers in flight; a refusal puts it back when the
 * board is read again, and says why. `refusal` is the page's own action data (without JavaScript).
 */
export function TaskBoard({
  columns,
  filters,
  refusal,
}: {
  columns: BoardColumnView[];
  filters: Record<string, string | undefined>;
  refusal?: FormState | null;
}) {
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const [follow, setFollow] = useState<string | null>(null);
  const [dragging, setDragging] = useState<BoardCardView | null>(null);
  const [dropTarget, setDropTarget] = useState<TaskStatus | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  // A card put back in its column mounts again with the same answer: say each refusal once.
  const told = useRef(new WeakSet<FormState>());
  const submit = useSubmit();

  const moving = new Map<string, TaskStatus>();
  for (const fetcher of useFetchers()) {
    const { formData } = fetcher;
    if (!fetcher.key.startsWith("board-move-") || formData?.get("intent") !== "status") continue;
    moving.set(String(formData.get("taskId")), String(formData.get("status")) as TaskStatus);
  }
  const shown = withMoves(columns, moving);

  const mover: Mover = {
    enhanced,
    follow,
    setFollow,
    moved(card, to, keepFocus) {
      if (keepFocus) setFollow(card.id);
      setNotice(null);
      setAnnouncement(`Moved “${card.title}” to ${STATUS_LABELS[to]}.`);
    },
    move(card, to, keepFocus) {
      if (to === card.status || moving.has(card.id)) return;
      mover.moved(card, to, keepFocus);
      submit(
        { intent: "status", taskId: card.id, version: String(card.version), status: to },
        { method: "post", navigate: false, fetcherKey: moveKey(card.id), preventScrollReset: true },
      );
    },
    refused(card, answer) {
      if (told.current.has(answer)) return;
      told.current.add(answer);
      setAnnouncement("");
      setNotice(`“${card.title}” was not moved: ${answer.formError}`);
    },
    setDragging,
  };

  // Without JavaScript a refusal comes back as the page's action data.
  const refusedCard = refusal ? columns.flatMap((column) => column.cards).find((card) => card.id === refusal.values.taskId) : undefined;
  const message = notice ?? (refusal?.formError ? `${refusedCard ? `“${refusedCard.title}”` : "The task"} was not moved: ${refusal.formError}` : null);

  const dragProps = (status: TaskStatus) => ({
    onDragOver(event: DragEvent) {
      if (!dragging || dragging.status === status) return;
      event.preventDefault(); // allows the drop here
      event.dataTransfer.dropEffect = "move";
      setDropTarget(status);
    },
    onDragLeave(event: DragEvent) {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropTarget(null);
    },
    onDrop(event: DragEvent) {
      event.preventDefault();
      if (dragging) mover.move(dragging, status, false);
      setDragging(null);
      setDropTarget(null);
    },
  });

  return (
    <>
      {message ? (
        <p className="board__notice field__error" role="alert">
          {message}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {enhanced ? (
        <p id={KEYS_HINT_ID} className="visually-hidden">
          Press the left or right arrow key to move this card to the column before or after it.
        </p>
      ) : null}
      <div className="board">
        {shown.map((column) => (
          <section
            key={column.status}
            className={dropTarget === column.status ? "board__column board__column--target" : "board__column"}
            aria-labelledby={`board-column-${column.status}`}
            {...(enhanced ? dragProps(column.status) : {})}
          >
            <h2 id={`board-column-${column.status}`} className="board__heading">
              {STATUS_LABELS[column.status]}{" "}
              <span className="badge badge--count">
                {column.total}
                <span className="visually-hidden"> {column.total === 1 ? "task" : "tasks"}</span>
              </span>
            </h2>
            {column.cards.length > 0 ? (
              <ul className="board__cards">
                {column.cards.map((card) => (
                  <BoardCard key={card.id} card={card} mover={mover} />
                ))}
              </ul>
            ) : (
              <p className="muted">No tasks.</p>
            )}
            {column.total > column.cards.length ? (
              <p className="board__more">
                <Link to={tasksHref("list", filters, { status: column.status })}>{column.total - column.cards.length} more in the list</Link>
              </p>
            ) : null}
          </section>
        ))}
      </div>
    </>
  );
}

function BoardCard({ card, mover }: { card: BoardCardView; mover: Mover }) {
  const fetcher = useFetcher<FormState>({ key: moveKey(card.id) });
  const ref = useRef<HTMLLIElement>(null);
  const sending = fetcher.state !== "idle";
  const movable = mover.enhanced && card.canMove;

  const answer = fetcher.data;
  useEffect(() => {
    if (answer?.formError) mover.refused(card, answer);
  });

  // A moved card is a new element in another list: the focus that was on it (or on its move
  // button) is then nowhere, and comes here. Never taken from somewhere the person went since.
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (mover.follow === card.id && lost) ref.current?.focus();
  });

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>) {
    if (event.target !== event.currentTarget || sending) return;
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const to = COLUMN_ORDER[COLUMN_ORDER.indexOf(card.status) + step];
    if (step === 0 || !to) return;
    event.preventDefault();
    mover.move(card, to, true);
  }

  return (
    <li
      ref={ref}
      id={`task-${card.id}`}
      className={card.overdue ? "board-card board-card--overdue" : "board-card"}
      tabIndex={movable ? 0 : undefined}
      aria-describedby={movable ? KEYS_HINT_ID : undefined}
      draggable={movable ? true : undefined}
      onKeyDown={movable ? onKeyDown : undefined}
      onDragStart={
        movable
          ? (event) => {
              event.dataTransfer.effectAllowed = "move";
              event.dataTransfer.setData("text/plain", card.id);
              mover.setDragging(card);
            }
          : undefined
      }
      onDragEnd={movable ? () => mover.setDragging(null) : undefined}
      onBlur={(event) => {
        // Focus gone elsewhere on purpose (not lost with the element): stop following this card.
        if (event.relatedTarget && !event.currentTarget.contains(event.relatedTarget) && mover.follow === card.id) mover.setFollow(null);
      }}
    >
      <h3 className="board-card__title">
        <Link to={`/tasks/${card.id}`}>{card.title}</Link>
      </h3>
      <p className="board-card__meta">
        <span>
          <span className="visually-hidden">Assignee: </span>
          {card.assignee?.name ?? <span className="muted">Nobody</span>}
        </span>
        {card.dueDate ? (
          <span>
            Due <DueDate dueDate={card.dueDate} overdue={card.overdue} />
          </span>
        ) : null}
      </p>
      {card.canMove ? (
        <div className="board-card__moves">
          {COLUMN_ORDER.filter((status) => status !== card.status).map((status) => (
            <fetcher.Form key={status} method="post" preventScrollReset onSubmit={() => mover.moved(card, status, true)}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="taskId" value={card.id} />
              <input type="hidden" name="version" value={card.version} />
              <input type="hidden" name="status" value={status} />
              <button type="submit" className="button button--small button--quiet" disabled={sending}>
                Move to {STATUS_LABELS[status]}
                <span className="visually-hidden"> for “{card.title}”</span>
              </button>
            </fetcher.Form>
          ))}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The columns with the moves in flight applied: each moving card at the top of its new column,
 * shown in its new status, and both columns' counts changed by one.
 */
function withMoves(columns: BoardColumnView[], moving: Map<string, TaskStatus>): BoardColumnView[] {
  const moved = columns.flatMap((column) => column.cards.filter((card) => (moving.get(card.id) ?? card.status) !== card.status));
  if (moved.length === 0) return columns;
  return columns.map((column) => {
    const arriving = moved.filter((card) => moving.get(card.id) === column.status).map((card) => ({ ...card, status: column.status }));
    const staying = column.cards.filter((card) => (moving.get(card.id) ?? card.status) === column.status);
    const leaving = column.cards.length - staying.length;
    return { ...column, total: column.total - leaving + arriving.length, cards: [...arriving, ...staying] };
  });
}

import { Link } from "@remix-run/react";
import { STATUS_LABELS, type TaskStatus } from "./task-status.tsx";

export type DashboardCountsData = Record<TaskStatus, number> & { overdue: number };

const STATUSES: TaskStatus[] = ["TODO", "IN_PROGRESS", "DONE"];

/** The four numbers at the top, each a link to the list it counts. */
export function DashboardCounts({ counts }: { counts: DashboardCountsData }) {
  return (
    <ul className="stats" aria-label="Tasks at a glance">
      {STATUSES.map((status) => (
        <li key={status}>
          <Link to={`/tasks?status=${status}`} className={`stat stat--${status.toLowerCase()}`}>
            <span className="stat__value">{counts[status]}</span> <span className="stat__label">{STATUS_LABELS[status]}</span>
          </Link>
        </li>
      ))}
      <li>
        <Link to="/tasks?overdue=true" className={`stat ${counts.overdue > 0 ? "stat--alert" : ""}`}>
          <span className="stat__value">{counts.overdue}</span> <span className="stat__label">Overdue</span>
        </Link>
      </li>
    </ul>
  );
}

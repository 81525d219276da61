import { Link } from "@remix-run/react";
import { StatusText, type TaskStatus } from "./task-status.tsx";
import { Day } from "./when.tsx";

export type DashboardTaskItem = {
  id: string;
  title: string;
  status: TaskStatus;
  assignee: { name: string } | null;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  overdue: boolean;
};

/**
 * A short list of tasks on the dashboard: the title links to the task, then its status, due
 * day and assignee as words (an overdue one says so, not only in colour).
 */
export function DashboardTaskList({
  tasks,
  empty,
  showAssignee = true,
}: {
  tasks: DashboardTaskItem[];
  /** What to say when there are none. */
  empty: string;
  showAssignee?: boolean;
}) {
  if (tasks.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="task-mini-list">
      {tasks.map((task) => (
        <li key={task.id} className="task-mini">
          <Link to={`/tasks/${task.id}`} className="task-mini__title">
            {task.title}
          </Link>
          <span className="task-mini__meta">
            <StatusText status={task.status} />
            {task.dueDate ? (
              <span className={task.overdue ? "task-mini__due task-mini__due--overdue" : "task-mini__due"}>
                {task.overdue ? "overdue, was due " : "due "}
                <Day value={task.dueDate} />
              </span>
            ) : null}
            {showAssignee ? <span>{task.assignee ? task.assignee.name : "unassigned"}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

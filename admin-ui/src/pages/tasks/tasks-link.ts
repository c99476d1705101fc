import type { TaskQueue, TaskView } from "../../api/types";
import { TASKS_PATH } from "../../config/paths";

/** The workbench list's filters, as they live in its URL (each one a Refine filter with `eq`). */
export interface TaskFilters {
  view?: TaskView;
  kind?: string;
  overdue?: "true";
  queue?: TaskQueue;
  unitId?: string;
  q?: string;
}

/** Where the list opens when nothing is chosen: every task still to decide (全部). */
export const DEFAULT_TASK_VIEW: TaskView = "open";

/**
 * A link to the workbench list with these filters, in the URL form Refine's syncWithLocation reads
 * (`filters[0][field]=view&filters[0][operator]=eq&filters[0][value]=open…`), so the list opens
 * filtered and a reload keeps it.
 */
export const tasksPath = (filters: TaskFilters): string => {
  const query = new URLSearchParams();
  const entries = Object.entries({ view: DEFAULT_TASK_VIEW, ...filters }).filter(([, value]) => value);
  entries.forEach(([field, value], index) => {
    query.set(`filters[${index}][field]`, field);
    query.set(`filters[${index}][operator]`, "eq");
    query.set(`filters[${index}][value]`, String(value));
  });
  return `${TASKS_PATH}?${query}`;
};

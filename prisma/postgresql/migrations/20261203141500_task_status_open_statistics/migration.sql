-- Hand-written, PostgreSQL only (SQLite's planner needs nothing of the kind): a task is open exactly
-- while its status is OPEN or CLAIMED, and the inbox filters on both. Without statistics on the
-- pair the planner multiplies their selectivities as if independent, expects a tenth of the rows a
-- queue's open tasks hold (3,238 for 40,000 at province scale), and sorts them all instead of reading
-- them in order from the queue's (queue, status, dueAt, createdAt) index: 714 ms for page 500 of a
-- reviewer's unclaimed tasks, 11 ms with these statistics. ANALYZE (autovacuum, db:import) fills them.
CREATE STATISTICS "HumanTask_status_open_stats" (dependencies, mcv) ON "status", "open" FROM "HumanTask";

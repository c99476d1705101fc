-- Hand-written, PostgreSQL only (Prisma's schema has no statistics targets): the planner estimates a
-- title search's matches from the sample ANALYZE keeps of the titles. At the default target (100) it
-- expected 100 tasks where ~5,000 of 1,000,000 contain "示例单位12", so it read every match through
-- the titles' trigram index and sorted them for the inbox's first page (issue 14: ~15 ms, a Sort);
-- with a larger sample it expects ~4,000 and reads the queue's open tasks in the page's order from
-- the (queue, open, dueAt, createdAt, title) index, stopping at the page (0.6 ms). ANALYZE of
-- HumanTask takes ~3.4 s instead of ~0.5 at that size: it runs here once, so the plans change now.
ALTER TABLE "HumanTask" ALTER COLUMN "title" SET STATISTICS 1000;
ANALYZE "HumanTask";

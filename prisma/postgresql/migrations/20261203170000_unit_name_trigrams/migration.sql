-- Hand-written, not from the schema: a trigram index of the unit names for the units list's search
-- (a name ILIKE '%text%' of 3 or more characters reads it instead of every unit: lib/trigram-search.ts).
-- pg_trgm was created by …_task_search.
CREATE INDEX "Unit_name_trgm_idx" ON "Unit" USING gin ("name" gin_trgm_ops);

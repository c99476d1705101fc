-- The subtree account list reads BindingAncestor (migration binding_ancestry): no list walks the
-- bindings in start order any more, and every binding write no longer pays for this index.
-- DropIndex
DROP INDEX "Binding_startedAt_unitId_activePersonId_id_idx";

-- The audit chain starts at the genesis hash; appending locks this single row (see audit.table.ts).
INSERT INTO "audit_chain_head" ("id", "last_id", "last_hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

/** @internal Versioned SQLite migrations; index i brings the schema to user_version i + 1. */
export const sqliteMigrations: readonly string[] = [
  `CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     ts INTEGER NOT NULL,
     actor TEXT NOT NULL,
     kind TEXT NOT NULL,
     tenant TEXT,
     order_id TEXT,
     payload TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   ) STRICT;
   CREATE INDEX audit_log_ts ON audit_log (ts);
   CREATE INDEX audit_log_kind ON audit_log (kind, seq);
   CREATE INDEX audit_log_actor ON audit_log (actor, seq);
   CREATE INDEX audit_log_order ON audit_log (order_id, seq) WHERE order_id IS NOT NULL;
   CREATE INDEX audit_log_tenant ON audit_log (tenant, seq) WHERE tenant IS NOT NULL;
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed'); END;
   CREATE TABLE audit_prune (
     through_seq INTEGER PRIMARY KEY,
     hash TEXT NOT NULL,
     pruned_at INTEGER NOT NULL
   ) STRICT;
   CREATE TRIGGER audit_prune_no_update BEFORE UPDATE ON audit_prune
     BEGIN SELECT RAISE(ABORT, 'audit_prune is append-only: UPDATE is not allowed'); END;
   CREATE TRIGGER audit_prune_no_delete BEFORE DELETE ON audit_prune
     BEGIN SELECT RAISE(ABORT, 'audit_prune is append-only: DELETE is not allowed'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     WHEN OLD.seq > coalesce((SELECT max(through_seq) FROM audit_prune), 0)
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed'); END;`,
];

/**
 * The SQL migrations of the PostgreSQL sink, in order. Run them as the database owner (the sink does so on
 * open unless `migrate: false`), or apply them with your own migration tool; applied versions are recorded
 * in `rrr_audit.schema_migrations`.
 *
 * Version 1 creates schema `rrr_audit` with table `audit_log`; triggers that reject UPDATE, DELETE and
 * TRUNCATE for every role (including superusers and roles that bypass row-level security), except the
 * deletion of rows covered by a retention prune recorded in the append-only `audit_prune` table (which
 * only the owner may write); three NOLOGIN
 * roles: `rrr_audit_writer` (INSERT + SELECT), `rrr_audit_auditor` (SELECT all rows) and `rrr_audit_tenant`
 * (SELECT only rows whose tenant equals the `rrr_audit.tenant` setting or, on Supabase, the `tenant_id`
 * claim of the request JWT); and row-level security policies enforcing them. On Supabase, grant
 * `rrr_audit_writer` to `service_role` and `rrr_audit_tenant` to `authenticated`.
 *
 * @example
 * ```ts
 * import { postgresMigrations } from '@rrr/audit/postgres';
 *
 * for (const migration of postgresMigrations) console.log(migration.version, migration.sql.length);
 * ```
 */
export const postgresMigrations: readonly {
  /** Version number, from 1. */
  readonly version: number;
  /** The SQL to execute in one transaction. */
  readonly sql: string;
}[] = [
  {
    version: 1,
    sql: `
CREATE SCHEMA IF NOT EXISTS rrr_audit;

CREATE TABLE rrr_audit.audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  id text NOT NULL UNIQUE,
  ts bigint NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  tenant text,
  order_id text,
  payload text NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX audit_log_ts ON rrr_audit.audit_log (ts);
CREATE INDEX audit_log_kind ON rrr_audit.audit_log (kind, seq);
CREATE INDEX audit_log_actor ON rrr_audit.audit_log (actor, seq);
CREATE INDEX audit_log_order ON rrr_audit.audit_log (order_id, seq) WHERE order_id IS NOT NULL;
CREATE INDEX audit_log_tenant ON rrr_audit.audit_log (tenant, seq) WHERE tenant IS NOT NULL;

CREATE FUNCTION rrr_audit.reject_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'rrr_audit.audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON rrr_audit.audit_log
  FOR EACH ROW EXECUTE FUNCTION rrr_audit.reject_change();
CREATE TABLE rrr_audit.audit_prune (
  through_seq bigint PRIMARY KEY,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  pruned_at bigint NOT NULL
);
CREATE TRIGGER audit_prune_no_update BEFORE UPDATE OR DELETE ON rrr_audit.audit_prune
  FOR EACH ROW EXECUTE FUNCTION rrr_audit.reject_change();
CREATE TRIGGER audit_prune_no_truncate BEFORE TRUNCATE ON rrr_audit.audit_prune
  FOR EACH STATEMENT EXECUTE FUNCTION rrr_audit.reject_change();

-- Rows may only be deleted once a retention prune (recorded in audit_prune) covers them.
CREATE FUNCTION rrr_audit.reject_delete() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF OLD.seq <= coalesce((SELECT max(through_seq) FROM rrr_audit.audit_prune), 0) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'rrr_audit.audit_log is append-only: DELETE is not allowed'
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON rrr_audit.audit_log
  FOR EACH ROW EXECUTE FUNCTION rrr_audit.reject_delete();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON rrr_audit.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION rrr_audit.reject_change();

DO $roles$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rrr_audit_writer') THEN
    CREATE ROLE rrr_audit_writer NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rrr_audit_auditor') THEN
    CREATE ROLE rrr_audit_auditor NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rrr_audit_tenant') THEN
    CREATE ROLE rrr_audit_tenant NOLOGIN;
  END IF;
END
$roles$;

REVOKE ALL ON SCHEMA rrr_audit FROM PUBLIC;
REVOKE ALL ON rrr_audit.audit_log FROM PUBLIC;
REVOKE ALL ON rrr_audit.audit_prune FROM PUBLIC;
GRANT SELECT ON rrr_audit.audit_prune TO rrr_audit_auditor;
GRANT USAGE ON SCHEMA rrr_audit TO rrr_audit_writer, rrr_audit_auditor, rrr_audit_tenant;
GRANT SELECT, INSERT ON rrr_audit.audit_log TO rrr_audit_writer;
GRANT SELECT ON rrr_audit.audit_log TO rrr_audit_auditor, rrr_audit_tenant;

ALTER TABLE rrr_audit.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE rrr_audit.audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_owner_all ON rrr_audit.audit_log FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY audit_writer_insert ON rrr_audit.audit_log FOR INSERT TO rrr_audit_writer WITH CHECK (true);
CREATE POLICY audit_writer_select ON rrr_audit.audit_log FOR SELECT TO rrr_audit_writer USING (true);
CREATE POLICY audit_auditor_select ON rrr_audit.audit_log FOR SELECT TO rrr_audit_auditor USING (true);
CREATE POLICY audit_tenant_select ON rrr_audit.audit_log FOR SELECT TO rrr_audit_tenant USING (
  tenant IS NOT NULL AND tenant = coalesce(
    nullif(current_setting('rrr_audit.tenant', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'tenant_id'
  )
);
`,
  },
];

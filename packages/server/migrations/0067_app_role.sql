-- The application runs as a lesser role than the one that owns the tables (issue 11 item 12).
-- The owner (the DATABASE_URL user) applies the migrations; the application's connections run
-- as the role that slrt_grant_app() prepares (DATABASE_APP_ROLE, default slrt_app): ordinary
-- reads and writes on every table, but on the audit trail only INSERT and SELECT (and the
-- chain head's UPDATE), no TRUNCATE anywhere, and no ownership, so it cannot ALTER a table or
-- switch off the append-only triggers. The server calls slrt_grant_app() after every
-- migration run, so tables added later are granted too. On PGlite (one all-powerful user)
-- the role exists but the server runs as the owner: there the keyed chain and the signed
-- anchors are what show tampering.
--
-- A bulk registry load drops and rebuilds the registry's secondary indexes, which needs the
-- owner: it does so through registry_drop_indexes() / registry_restore_indexes(), which run as
-- the owner (SECURITY DEFINER), in the load's own transaction, and can do nothing else. A
-- transaction that drops them cannot commit without restoring them.

-- Import staging tables live in their own schema, where the application may create tables,
-- so it never needs CREATE on public (where the owner's statements look up names).
CREATE SCHEMA IF NOT EXISTS slrt_staging;
COMMENT ON SCHEMA slrt_staging IS 'Staging tables of registry imports (created and dropped by the application role).';

CREATE TABLE registry_index_stash (
  kind       text NOT NULL CHECK (kind IN ('index', 'foreign_key')),
  table_name text NOT NULL,
  name       text NOT NULL,
  def        text NOT NULL,
  PRIMARY KEY (kind, name)
);
COMMENT ON TABLE registry_index_stash IS 'Definitions of the registry indexes and foreign keys a bulk load dropped, until it restores them in the same transaction. Owner only.';

CREATE FUNCTION registry_index_stash_restored() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.registry_index_stash) THEN
    RAISE EXCEPTION 'registry indexes dropped for a bulk load were not restored';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER registry_index_stash_restored AFTER INSERT ON registry_index_stash
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION registry_index_stash_restored();

-- Drops the secondary indexes of persons, households and families (not those behind a
-- constraint) and the foreign keys between the loaded registry tables (not those to other
-- tables, such as areas, which the load must not lock), while persons holds at most max_rows
-- rows (never more than 100,000). Returns how many were dropped.
CREATE FUNCTION registry_drop_indexes(max_rows integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  r record;
  n integer := 0;
  lim integer := least(greatest(max_rows, 0), 100000);
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM public.persons LIMIT lim + 1) x) > lim THEN
    RETURN 0;
  END IF;
  FOR r IN
    SELECT i.tablename AS table_name, i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    JOIN pg_class c ON c.relname = i.indexname JOIN pg_namespace s ON s.oid = c.relnamespace AND s.nspname = i.schemaname
    WHERE i.schemaname = 'public' AND i.tablename IN ('persons', 'households', 'families')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
    ORDER BY i.indexname
  LOOP
    INSERT INTO public.registry_index_stash (kind, table_name, name, def) VALUES ('index', r.table_name, r.name, r.def);
    EXECUTE format('DROP INDEX public.%I', r.name);
    n := n + 1;
  END LOOP;
  FOR r IN
    SELECT t.relname AS table_name, k.conname AS name, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
    JOIN pg_namespace s ON s.oid = t.relnamespace AND s.nspname = 'public'
    WHERE k.contype = 'f' AND f.relnamespace = t.relnamespace
      AND t.relname IN ('persons', 'households', 'families', 'family_kk_history')
      AND f.relname IN ('persons', 'households', 'families', 'family_kk_history')
    ORDER BY t.relname, k.conname
  LOOP
    INSERT INTO public.registry_index_stash (kind, table_name, name, def) VALUES ('foreign_key', r.table_name, r.name, r.def);
    EXECUTE format('ALTER TABLE public.%I DROP CONSTRAINT %I', r.table_name, r.name);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;

-- Rebuilds what registry_drop_indexes() dropped in this transaction (the stash is owner-only:
-- the definitions come from the catalog, never from the caller).
CREATE FUNCTION registry_restore_indexes() RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  r record;
  n integer := 0;
BEGIN
  FOR r IN SELECT * FROM public.registry_index_stash WHERE kind = 'index' ORDER BY name LOOP
    EXECUTE r.def;
    n := n + 1;
  END LOOP;
  FOR r IN SELECT * FROM public.registry_index_stash WHERE kind = 'foreign_key' ORDER BY table_name, name LOOP
    EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', r.table_name, r.name, r.def);
    n := n + 1;
  END LOOP;
  DELETE FROM public.registry_index_stash;
  RETURN n;
END $$;

-- Fresh planner statistics after a load (ANALYZE needs the owner).
CREATE FUNCTION registry_analyze() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  ANALYZE public.persons, public.households, public.families, public.family_kk_history;
END $$;

REVOKE ALL ON FUNCTION registry_drop_indexes(integer), registry_restore_indexes(), registry_analyze() FROM PUBLIC;

-- Creates the application role if it is missing (NOLOGIN: the server reaches it with
-- SET ROLE, or an operator gives it, or a member of it, a login for DATABASE_APP_URL) and
-- grants it what the application needs. Run by the owner; safe to run again.
CREATE FUNCTION slrt_grant_app(app text) RETURNS void
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  owner_name text := current_user;
BEGIN
  IF app = owner_name THEN
    RAISE EXCEPTION 'the application role (%) must not be the owner of the tables', app;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN', app);
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN
        NULL; -- another process created it meanwhile
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'the role % does not exist and % may not create it; as a superuser: CREATE ROLE % NOLOGIN; GRANT % TO %;',
          app, owner_name, quote_ident(app), quote_ident(app), quote_ident(owner_name);
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)) THEN
    RAISE EXCEPTION 'the application role % must not be a superuser nor create roles or databases nor bypass row security', app;
  END IF;
  IF pg_has_role(app, owner_name, 'MEMBER') THEN
    RAISE EXCEPTION 'the application role % must not be a member of the owner %', app, owner_name;
  END IF;
  -- the owner may SET ROLE to it (a superuser may anyway); without that, DATABASE_APP_URL is the way
  IF NOT pg_has_role(owner_name, app, 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT %I TO %I', app, owner_name);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE '% may not grant itself the role %: connect the application with DATABASE_APP_URL', owner_name, app;
    END;
  END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), app);
  BEGIN
    -- old databases let everyone create in public; the application must not
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'could not revoke CREATE on schema public from PUBLIC: ask the database administrator to';
  END;
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
  EXECUTE format('GRANT USAGE, CREATE ON SCHEMA slrt_staging TO %I', app);
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', app);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
  -- the audit trail: append and read only; the chain head moves but is never deleted
  EXECUTE format('REVOKE UPDATE, DELETE ON audit_events FROM %I', app);
  EXECUTE format('REVOKE DELETE ON audit_heads FROM %I', app);
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM %I', app);
  EXECUTE format('REVOKE ALL ON registry_index_stash FROM %I', app);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
  EXECUTE format('GRANT EXECUTE ON FUNCTION registry_drop_indexes(integer), registry_restore_indexes(), registry_analyze() TO %I', app);
END $$;
REVOKE ALL ON FUNCTION slrt_grant_app(text) FROM PUBLIC;

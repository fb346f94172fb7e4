-- Every change to who may do what is announced on the channel sokoguru_auth (issue 19).
--
-- Each server process keeps the sessions it has looked up for a few seconds
-- (src/services/session-cache.ts) instead of reading the session, its user and the user's roles
-- on every request. A logout, a changed password, a disabled user or a changed role must still
-- count at once, in every process and whoever made the change (another server process, the CLI,
-- an operator's SQL): these triggers NOTIFY on commit and each process, listening, forgets every
-- session it kept. A process that is not listening (its listening connection lost) keeps none.
--
-- Statement-level triggers: one notice a statement, however many rows. A session's row is only
-- ever updated to extend it (touchSession), so only its deletion is announced.

CREATE FUNCTION sokoguru_auth_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sokoguru_auth', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_auth_changed AFTER DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION sokoguru_auth_changed();
CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION sokoguru_auth_changed();
CREATE TRIGGER organization_roles_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON organization_roles FOR EACH STATEMENT EXECUTE FUNCTION sokoguru_auth_changed();
-- a membership carries the organisation's name, kind and cooperative type
CREATE TRIGGER organizations_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION sokoguru_auth_changed();

-- Portico gateway database account: a login role that reads the published configuration and writes only
-- gateway_instance, the heartbeat rows. Nothing else: no other table, no sequence, no ownership, no default
-- privileges (tables added by later migrations stay closed to it until this script grants them).
--
-- Run it with psql after the admin has created the schema, and again after each upgrade and to change the
-- password. It is idempotent and leaves the role with exactly these rights in the schema:
--
--   psql -v ON_ERROR_STOP=1 -v gateway_role=portico_gateway -v gateway_password='change-me' \
--        -v schema=public -d portico -f gateway-account.sql
--
-- Run it as a superuser, or as the owner of the tables with CREATEROLE. It is not a Flyway migration on
-- purpose: a role and its password belong to the cluster, not to the schema's history.
-- docs/deployment.md, "Gateway database account", explains each grant.

\set ON_ERROR_STOP on

-- CREATE ROLE has no IF NOT EXISTS: the statement is built only when the role is missing (\gexec runs it).
select format('create role %I login', :'gateway_role')
where not exists (select from pg_roles where rolname = :'gateway_role') \gexec

-- Set on every run: running the script again with another password rotates it.
alter role :"gateway_role" with login password :'gateway_password';

select format('grant connect on database %I to %I', current_database(), :'gateway_role') \gexec

grant usage on schema :"schema" to :"gateway_role";
revoke create on schema :"schema" from :"gateway_role";

-- Start from nothing in the schema, so that a run after an upgrade also takes back what is no longer needed.
revoke all on all tables in schema :"schema" from :"gateway_role";
revoke all on all sequences in schema :"schema" from :"gateway_role";

-- The published configuration of its gateway group, read by the reloader (PublishedConfigRepository):
-- the group's config revision, the published services, the routes of their versions, and the group's
-- registry connections, secrets included, since the gateway connects to those registries itself.
grant select on :"schema".gateway_group, :"schema".published_service, :"schema".published_version,
    :"schema".service_registry to :"gateway_role";

-- Its heartbeat row (GatewayInstanceRepository): an UPDATE, then an INSERT when no row was updated.
-- SELECT because the UPDATE's WHERE id = ... reads the table. No DELETE: a gateway never removes its row,
-- the admin shows it lost, then offline (portico.admin.instances.*).
grant select, insert, update on :"schema".gateway_instance to :"gateway_role";

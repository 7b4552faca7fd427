-- Portico schema v3: canaries of published services.
-- canary holds the route-compiler's stored canary JSON (null: no canary); a version canary also points at
-- the published version it shifts traffic to, so gateways load its routes with the current version's.
alter table published_service add column canary text;
alter table published_service add column canary_version_id varchar(64) references published_version (id);

-- Portico schema v1: gateway groups, the Service Hub, published versions and gateway instances.
-- Portable between PostgreSQL and H2 (quickstart): JSON is kept in TEXT columns, times are UTC.

create table gateway_group (
    id              varchar(64)   not null primary key,
    name            varchar(100)  not null,
    description     varchar(2000) not null default '',
    labels          text          not null default '{}',
    config_revision bigint        not null default 0,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    row_version     bigint        not null default 0,
    constraint uk_gateway_group_name unique (name)
);

insert into gateway_group (id, name, description, created_at, updated_at)
values ('default', 'default', 'The default gateway group', current_timestamp, current_timestamp);

create table service_template (
    id              varchar(64)   not null primary key,
    name            varchar(100)  not null,
    type            varchar(16)   not null,
    upstream_scheme varchar(8)    not null,
    description     varchar(2000) not null default '',
    labels          text          not null default '{}',
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    row_version     bigint        not null default 0,
    constraint uk_service_template_name unique (name)
);

create table template_route (
    id          varchar(64)   not null primary key,
    template_id varchar(64)   not null references service_template (id) on delete cascade,
    name        varchar(100)  not null,
    paths       text          not null,
    methods     text          not null,
    description varchar(2000) not null default '',
    labels      text          not null default '{}',
    position    integer       not null default 0,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    row_version bigint        not null default 0,
    constraint uk_template_route_name unique (template_id, name)
);

-- An immutable snapshot: routes and runtime as JSON in the route-compiler's stored format.
-- service_id has no foreign key so that history outlives a deleted template.
create table published_version (
    id               varchar(64)   not null primary key,
    gateway_group_id varchar(64)   not null references gateway_group (id),
    service_id       varchar(64)   not null,
    service_name     varchar(100)  not null,
    service_type     varchar(16)   not null,
    upstream_scheme  varchar(8)    not null,
    version          varchar(64)   not null,
    routes           text          not null,
    runtime          text          not null,
    description      varchar(2000) not null default '',
    published_by     varchar(100)  not null,
    published_at     timestamp with time zone not null,
    constraint uk_published_version unique (gateway_group_id, service_id, version)
);

-- What a group serves: one row per published service, pointing at its current version.
create table published_service (
    gateway_group_id   varchar(64) not null references gateway_group (id),
    service_id         varchar(64) not null,
    current_version_id varchar(64) not null references published_version (id),
    runtime            text        not null,
    upstream_kind      varchar(16) not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    row_version        bigint      not null default 0,
    primary key (gateway_group_id, service_id)
);

create index ix_published_version_service on published_version (gateway_group_id, service_id, published_at);

-- Written by gateways (their only write): heartbeat, applied revision, routes they skipped.
create table gateway_instance (
    id                varchar(128) not null primary key,
    gateway_group_id  varchar(64)  not null,
    hostname          varchar(255) not null default '',
    address           varchar(255) not null default '',
    software_version  varchar(64)  not null default '',
    config_revision   bigint       not null default 0,
    config_status     varchar(16)  not null default 'ok',
    config_errors     text         not null default '[]',
    started_at        timestamp with time zone not null,
    last_heartbeat_at timestamp with time zone not null
);

create index ix_gateway_instance_group on gateway_instance (gateway_group_id);

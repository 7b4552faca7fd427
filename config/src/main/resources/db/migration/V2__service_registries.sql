-- Portico schema v2: service registry connections of gateway groups, their check history, and what each
-- gateway reports about the endpoints it discovered.

-- settings holds the type block without secrets, secrets holds only the secrets (registry-client's
-- RegistryStoredFormat); the admin never returns secrets, and a grant can keep them from other readers.
create table service_registry (
    id               varchar(64)   not null primary key,
    gateway_group_id varchar(64)   not null references gateway_group (id),
    name             varchar(100)  not null,
    type             varchar(16)   not null,
    description      varchar(2000) not null default '',
    settings         text          not null,
    secrets          text          not null default '{}',
    status           varchar(16)   not null default 'connecting',
    last_error       varchar(2000),
    last_checked_at  timestamp with time zone,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    row_version      bigint        not null default 0,
    constraint uk_service_registry_name unique (gateway_group_id, name)
);

create table service_registry_check (
    id          varchar(64)   not null primary key,
    registry_id varchar(64)   not null references service_registry (id) on delete cascade,
    status      varchar(16)   not null,
    error       varchar(2000),
    duration_ms bigint        not null,
    checked_at  timestamp with time zone not null
);

create index ix_service_registry_check on service_registry_check (registry_id, checked_at);

-- JSON array, one entry per discovered service: registry, service, endpoint count, stale flag, last error.
alter table gateway_instance add column discovery text not null default '[]';

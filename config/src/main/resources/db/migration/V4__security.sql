-- Portico schema v4: users, their roles per gateway group, API tokens (hashes only) and the audit log.

create table app_user (
    id            varchar(64)   not null primary key,
    username      varchar(100)  not null,
    display_name  varchar(200)  not null default '',
    -- Spring Security's DelegatingPasswordEncoder format ({bcrypt}...); null: the user signs in with tokens only.
    password_hash varchar(500),
    enabled       boolean       not null default true,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    last_login_at timestamp with time zone,
    row_version   bigint        not null default 0,
    constraint uk_app_user_username unique (username)
);

-- gateway_group_id is '*' for roles that are not bound to one group (editor, super_admin) and for a group role
-- granted in every group. No foreign key: deleting a group deletes its bindings in the same transaction.
create table user_role (
    id               varchar(64) not null primary key,
    user_id          varchar(64) not null references app_user (id) on delete cascade,
    role             varchar(32) not null,
    gateway_group_id varchar(64) not null,
    created_at       timestamp with time zone not null,
    constraint uk_user_role unique (user_id, role, gateway_group_id)
);

create index ix_user_role_user on user_role (user_id);

-- token_hash is the SHA-256 of the whole token (hex); the token itself is shown once and never stored.
-- roles: null, or a JSON array of "role@gateway_group_id" strings the token is narrowed to.
create table api_token (
    id           varchar(64)  not null primary key,
    user_id      varchar(64)  not null references app_user (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   varchar(64)  not null,
    prefix       varchar(16)  not null,
    roles        text,
    expires_at   timestamp with time zone,
    last_used_at timestamp with time zone,
    created_at   timestamp with time zone not null,
    constraint uk_api_token_hash unique (token_hash),
    constraint uk_api_token_name unique (user_id, name)
);

-- One row per write, sign-in, sign-out, failed authentication and refused authorization. No foreign keys:
-- the trail outlives the users, tokens and objects it names.
create table audit_log (
    id               varchar(64)   not null primary key,
    occurred_at      timestamp with time zone not null,
    user_id          varchar(64),
    username         varchar(100),
    token_id         varchar(64),
    source_ip        varchar(64),
    action           varchar(64)   not null,
    resource_type    varchar(64)   not null,
    resource_id      varchar(255),
    gateway_group_id varchar(64),
    outcome          varchar(16)   not null,
    status           integer       not null,
    summary          text          not null default '',
    detail           varchar(2000) not null default ''
);

create index ix_audit_log_time on audit_log (occurred_at);
create index ix_audit_log_user on audit_log (username, occurred_at);

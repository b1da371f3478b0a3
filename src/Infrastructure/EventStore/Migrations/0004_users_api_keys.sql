-- Dashboard users (inline projection). A system admin's row has tenant_id 'platform'. E-mails are unique across
-- the whole platform: sign-in finds a user by e-mail alone, before any tenant is known.
create table if not exists users (
    tenant_id       text        not null,
    id              uuid        not null,
    email           text        not null,
    display_name    text        not null,
    role            text        not null,
    password_hash   text        not null,
    is_disabled     boolean     not null default false,
    failed_sign_ins integer     not null default 0,
    locked_until    timestamptz null,
    last_sign_in_at timestamptz null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null,
    constraint pk_users primary key (tenant_id, id),
    constraint uq_users_email unique (email)
);

create index if not exists ix_users_tenant_created on users (tenant_id, created_at);

-- API keys (inline projection). Only the public prefix and the SHA-256 of the whole key are kept. last_used_at is
-- written directly by authentication, at most once a minute per key, and is not an event.
create table if not exists api_keys (
    tenant_id    text        not null,
    id           uuid        not null,
    name         text        not null,
    prefix       text        not null,
    key_hash     text        not null,
    role         text        not null,
    created_at   timestamptz not null,
    created_by   text        null,
    last_used_at timestamptz null,
    revoked_at   timestamptz null,
    revoked_by   text        null,
    version      bigint      not null,
    constraint pk_api_keys primary key (tenant_id, id),
    constraint uq_api_keys_prefix unique (prefix)
);

create index if not exists ix_api_keys_tenant_created on api_keys (tenant_id, created_at desc);

-- Answers to requests sent with an Idempotency-Key, per business, kept 24 hours.
create table if not exists idempotency_keys (
    tenant_id    text        not null,
    key          text        not null,
    fingerprint  text        not null,
    status_code  integer     null,
    body         text        null,
    location     text        null,
    created_at   timestamptz not null default now(),
    completed_at timestamptz null,
    constraint pk_idempotency_keys primary key (tenant_id, key)
);

create index if not exists ix_idempotency_keys_created on idempotency_keys (created_at);

select prosaas_enable_tenant_isolation('idempotency_keys');

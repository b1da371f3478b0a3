-- Keys that sign and encrypt dashboard session cookies and CSRF tokens, shared by every Api process so that a
-- session started on one is valid on all and survives restarts. Platform data: no tenant column.
create table if not exists data_protection_keys (
    id           bigserial   primary key,
    friendly_name text       not null,
    xml          text        not null,
    created_at   timestamptz not null default now()
);

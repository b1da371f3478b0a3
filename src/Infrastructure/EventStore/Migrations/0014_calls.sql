-- Calls (inline projection "calls" of the call streams). A call about a lead goes with its lead: deleting the lead's row
-- deletes its calls in the same transaction (the lead erasure has already blanked the numbers in their events). A call
-- whose caller is not (yet) a lead has lead_id null and is not bound by the foreign key. Refused calls are rows too
-- (status 'rejected'), so that the business sees the calls it missed.
create table if not exists calls (
    tenant_id        text        not null,
    id               uuid        not null,
    direction        text        not null,
    status           text        not null,
    provider_call_id text        null,
    from_number      text        null,
    to_number        text        null,
    lead_id          uuid        null,
    started_at       timestamptz not null,
    answered_at      timestamptz null,
    ended_at         timestamptz null,
    duration_seconds integer     null,
    end_reason       text        null,
    rejection_reason text        null,
    updated_at       timestamptz not null,
    version          bigint      not null,
    constraint pk_calls primary key (tenant_id, id),
    constraint fk_calls_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete cascade,
    constraint ck_calls_direction check (direction in ('inbound', 'outbound'))
);

create index if not exists ix_calls_started on calls (tenant_id, started_at desc, id desc);
create index if not exists ix_calls_lead_started on calls (tenant_id, lead_id, started_at desc, id desc) where lead_id is not null;
create index if not exists ix_calls_status_started on calls (tenant_id, status, started_at desc, id desc);

select prosaas_enable_tenant_isolation('calls');

-- The call slots (inline projection "call_slots"): one row per live call, inserted with its call_started and deleted with
-- its call_completed, in the appending transaction. Taking a slot holds a per-business transaction lock (advisory,
-- namespace "CALL" = 1128352844, key hashtext(tenant_id)) while it counts the business's rows against its limits and
-- inserts, so that appends of every Api instance are serialised per business and can never together exceed the limits.
-- last_seen_at is the call's latest sign of life (a provider report, a media host heartbeat): a slot silent for too long
-- is reclaimed and its call closed as lost. Not lead-dependent: a live call keeps its slot whatever happens to its lead.
create table if not exists call_slots (
    tenant_id        text        not null,
    call_id          uuid        not null,
    direction        text        not null,
    provider_call_id text        null,
    taken_at         timestamptz not null,
    last_seen_at     timestamptz not null,
    constraint pk_call_slots primary key (tenant_id, call_id),
    constraint ck_call_slots_direction check (direction in ('inbound', 'outbound'))
);

-- Provider status reports find their live call by the provider's id, whatever the business.
create unique index if not exists ux_call_slots_provider_call on call_slots (provider_call_id) where provider_call_id is not null;
create index if not exists ix_call_slots_last_seen on call_slots (last_seen_at);

select prosaas_enable_tenant_isolation('call_slots');

-- True inside the transaction that rebuilds an inline projection (it holds the appenders' advisory lock exclusively:
-- namespace "PRSS" = 1347572563, key 1). Replayed history is not checked against today's limits.
create or replace function prosaas_rebuilding_inline_projection() returns boolean
language sql stable as $$
    select exists (select 1 from pg_locks
                   where locktype = 'advisory' and pid = pg_backend_pid() and granted and mode = 'ExclusiveLock'
                     and classid = 1347572563 and objid = 1 and objsubid = 2)
$$;

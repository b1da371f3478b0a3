-- Appointments (inline projection: written in the append's transaction).
-- btree_gist lets one GiST index hold the tenant (equality) and the busy range (overlap). It is a trusted extension
-- (PostgreSQL 13+): the database's owner may create it without being a superuser.
create extension if not exists btree_gist;

create table if not exists appointments (
    tenant_id     text        not null,
    id            uuid        not null,
    lead_id       uuid        not null,
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    -- The time the appointment holds: [starts_at, ends_at + the business's buffer at booking).
    busy          tstzrange   not null,
    status        text        not null,
    title         text        null,
    notes         text        null,
    source        text        not null,
    booked_by     text        null,
    booked_at     timestamptz not null,
    cancel_reason text        null,
    updated_at    timestamptz not null,
    version       bigint      not null,
    constraint pk_appointments primary key (tenant_id, id),
    constraint fk_appointments_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete cascade,
    constraint ck_appointments_times check (ends_at > starts_at and lower(busy) = starts_at and upper(busy) >= ends_at),
    constraint ck_appointments_status check (status in ('booked', 'cancelled')),
    -- No double booking: two live appointments of one business never hold overlapping time, however many bookings race.
    -- Checked at the end of each statement rather than row by row, so that one statement may move several appointments
    -- through each other's times (a rebuild replaying history) as long as the result is consistent.
    constraint ex_appointments_busy exclude using gist (tenant_id with =, busy with &&) where (status <> 'cancelled')
        deferrable initially immediate
);

create index if not exists ix_appointments_tenant_starts on appointments (tenant_id, starts_at, id);
create index if not exists ix_appointments_tenant_lead on appointments (tenant_id, lead_id, starts_at);

select prosaas_enable_tenant_isolation('appointments');

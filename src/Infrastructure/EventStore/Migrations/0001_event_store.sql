-- Event store, shaped like Marten's so that Marten can take over these tables without a data migration.
create sequence if not exists mt_events_sequence;

create table if not exists mt_streams (
    id               uuid        not null,
    tenant_id        text        not null,
    type             text        null,
    version          bigint      not null,
    timestamp        timestamptz not null,
    snapshot         jsonb       null,
    snapshot_version bigint      null,
    created          timestamptz not null,
    is_archived      boolean     not null default false,
    constraint pk_mt_streams primary key (tenant_id, id)
);

create table if not exists mt_events (
    seq_id          bigint       not null default nextval('mt_events_sequence'),
    id              uuid         not null,
    stream_id       uuid         not null,
    version         bigint       not null,
    data            jsonb        not null,
    type            varchar(500) not null,
    timestamp       timestamptz  not null,
    tenant_id       text         not null,
    mt_dotnet_type  varchar      null,
    is_archived     boolean      not null default false,
    correlation_id  varchar      null,
    causation_id    varchar      null,
    user_name       varchar      null,
    headers         jsonb        null,
    constraint pk_mt_events primary key (seq_id),
    constraint uq_mt_events_id unique (id),
    constraint uq_mt_events_stream_and_version unique (tenant_id, stream_id, version),
    constraint fk_mt_events_stream foreign key (tenant_id, stream_id) references mt_streams (tenant_id, id)
);

alter sequence mt_events_sequence owned by mt_events.seq_id;

create index if not exists ix_mt_events_type_seq on mt_events (type, seq_id);
create index if not exists ix_mt_events_timestamp on mt_events (tenant_id, stream_id, timestamp);

-- Progress of the high-water mark and of every async projection. Written in the same transaction as the
-- read-model rows it accounts for.
create table if not exists mt_event_progression (
    name         varchar     not null,
    last_seq_id  bigint      not null default 0,
    last_updated timestamptz not null default now(),
    constraint pk_mt_event_progression primary key (name)
);

insert into mt_event_progression (name, last_seq_id) values ('HighWaterMark', 0) on conflict (name) do nothing;

-- Events a projection could not apply: parked with the error so the projection can move on.
create table if not exists mt_dead_letter_events (
    id              bigserial   primary key,
    projection_name varchar     not null,
    seq_id          bigint      not null,
    event_id        uuid        not null,
    stream_id       uuid        not null,
    tenant_id       text        not null,
    type            varchar(500) not null,
    error_type      text        not null,
    error_message   text        not null,
    failed_at       timestamptz not null default now(),
    constraint uq_mt_dead_letter unique (projection_name, seq_id)
);

-- Sequence numbers the high-water mark stepped over because no live transaction could still commit them.
create table if not exists mt_high_water_skips (
    id          bigserial   primary key,
    from_seq_id bigint      not null,
    to_seq_id   bigint      not null,
    detected_at timestamptz not null,
    skipped_at  timestamptz not null default now(),
    constraint uq_mt_high_water_skips unique (from_seq_id)
);

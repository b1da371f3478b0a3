-- What the media host reports about a call (its commands to the Api's internal routes).

-- The details the caller gave (the latest value per key), and the media host's end of the call: its reason and figures
-- (inline projection "call_media"). The call's own end (end_reason) is whichever route ended it first; a media host
-- report that came after the provider's keeps its reason here.
alter table calls add column if not exists collected_fields jsonb       not null default '{}'::jsonb;
alter table calls add column if not exists media_end_reason text        null;
alter table calls add column if not exists media_ended_at   timestamptz null;
alter table calls add column if not exists media_metrics    jsonb       null;

-- The call's transcript (inline projection "call_media"): one row per turn, read ordered by offset_ms (its place in the
-- call's audio), then by arrival (sequence, the event's seq_id). Personal data: the rows go with their call, and so with
-- the call's lead when it is deleted (calls cascade from leads, turns from calls), while the lead erasure blanks the
-- text in the events.
create table if not exists call_transcript_turns (
    tenant_id   text        not null,
    call_id     uuid        not null,
    sequence    bigint      not null,
    command_id  uuid        not null,
    speaker     text        not null,
    text        text        not null,
    offset_ms   bigint      not null,
    interrupted boolean     not null,
    at          timestamptz not null,
    constraint pk_call_transcript_turns primary key (tenant_id, call_id, sequence),
    constraint fk_call_transcript_turns_call foreign key (tenant_id, call_id) references calls (tenant_id, id) on delete cascade,
    constraint ck_call_transcript_turns_speaker check (speaker in ('caller', 'assistant'))
);

create index if not exists ix_call_transcript_turns_order on call_transcript_turns (tenant_id, call_id, offset_ms, sequence);

select prosaas_enable_tenant_isolation('call_transcript_turns');

-- The outcome of each media host command, by its id (inline projection "call_commands" for the commands that recorded
-- events, in their append's transaction; the Api for those that recorded nothing, status 'ignored'). The primary key is
-- what makes a command count once: a second append of the same command id fails and is rolled back, and the retry is
-- answered the first outcome. Ids and statuses only, no personal data.
create table if not exists call_commands (
    tenant_id    text        not null,
    command_id   uuid        not null,
    call_id      uuid        not null,
    kind         text        not null,
    status       text        not null,
    call_version bigint      not null,
    recorded_at  timestamptz not null,
    constraint pk_call_commands primary key (tenant_id, command_id),
    constraint ck_call_commands_status check (status in ('applied', 'ignored'))
);

select prosaas_enable_tenant_isolation('call_commands');

-- The after-call queue (inline projection "call_wrap_ups"): one row per ended call, inserted with its call_completed in the
-- appending transaction, so that no ended call is missed across restarts. A row is due once next_attempt_at has come and
-- either the media host's end was recorded (media_ended, set with call_media_ended: its last reports are in) or the call
-- ended a settling time ago (AfterCall:SettleSeconds). A worker leases due rows (claimed_until, for update skip locked),
-- counts the attempt, summarizes the call and records call_summarized, which marks the row 'done' in the same transaction;
-- a failed attempt sets next_attempt_at later. 'skipped' rows are calls that will not be summarized (gone, or too old).
-- Ids, times and error texts only, no personal data; the rows go with their call (and so with the call's lead).
create table if not exists call_wrap_ups (
    tenant_id       text        not null,
    call_id         uuid        not null,
    status          text        not null,
    attempts        integer     not null default 0,
    ended_at        timestamptz not null,
    media_ended     boolean     not null default false,
    next_attempt_at timestamptz not null,
    claimed_until   timestamptz null,
    last_error      text        null,
    created_at      timestamptz not null,
    completed_at    timestamptz null,
    constraint pk_call_wrap_ups primary key (tenant_id, call_id),
    constraint fk_call_wrap_ups_call foreign key (tenant_id, call_id) references calls (tenant_id, id) on delete cascade,
    constraint ck_call_wrap_ups_status check (status in ('pending', 'done', 'skipped'))
);

create index if not exists ix_call_wrap_ups_due on call_wrap_ups (next_attempt_at) where status = 'pending';

select prosaas_enable_tenant_isolation('call_wrap_ups');

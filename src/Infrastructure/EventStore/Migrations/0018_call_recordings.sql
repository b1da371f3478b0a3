-- Call recordings (inline projection "call_recordings"): one row per call whose recording is stored and not yet deleted.
-- A recording goes with its call: deleting the call's row (its lead was deleted) deletes the recording's row in the same
-- transaction, and removing a row by any route queues its blob in file_deletions (the trigger below), so the audio goes
-- too and a crash in between cannot leave it behind. expires_at is stored_at plus the business's retention
-- (settings.recordingRetentionDays); the retention job deletes the recordings past it.
create table if not exists call_recordings (
    tenant_id   text        not null,
    call_id     uuid        not null,
    storage_key text        not null,
    bytes       bigint      not null,
    duration_ms bigint      not null,
    sha256      text        not null,
    stored_at   timestamptz not null,
    expires_at  timestamptz not null,
    constraint pk_call_recordings primary key (tenant_id, call_id),
    constraint fk_call_recordings_call foreign key (tenant_id, call_id) references calls (tenant_id, id) on delete cascade,
    constraint uq_call_recordings_storage_key unique (tenant_id, storage_key)
);

create index if not exists ix_call_recordings_expires on call_recordings (expires_at);

-- The same queueing as the notes' files (0010), rebuilds excepted: the audio still belongs to the recordings the events keep.
create or replace trigger trg_call_recordings_queue_blobs
    after delete on call_recordings
    referencing old table as removed_attachments
    for each statement execute function prosaas_queue_removed_attachment_blobs();

select prosaas_enable_tenant_isolation('call_recordings');

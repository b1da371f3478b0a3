-- Notes on leads and their files (inline projection "lead_notes"). Rows hang off their lead: deleting the lead's row
-- deletes its notes, and deleting a note deletes its files' rows, in the same transaction.
create table if not exists lead_notes (
    tenant_id      text        not null,
    id             uuid        not null,
    lead_id        uuid        not null,
    text           text        not null,
    author_user_id text        not null,
    author_name    text        not null,
    created_at     timestamptz not null,
    edited_at      timestamptz null,
    edited_by      text        null,
    version        bigint      not null,
    constraint pk_lead_notes primary key (tenant_id, id),
    constraint fk_lead_notes_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete cascade
);

create index if not exists ix_lead_notes_lead_created on lead_notes (tenant_id, lead_id, created_at, id);

create table if not exists lead_note_attachments (
    tenant_id    text        not null,
    id           uuid        not null,
    note_id      uuid        not null,
    lead_id      uuid        not null,
    file_name    text        not null,
    content_type text        not null,
    size_bytes   bigint      not null,
    sha256       text        not null,
    storage_key  text        not null,
    created_at   timestamptz not null,
    constraint pk_lead_note_attachments primary key (tenant_id, id),
    constraint fk_lead_note_attachments_note foreign key (tenant_id, note_id) references lead_notes (tenant_id, id) on delete cascade,
    constraint uq_lead_note_attachments_storage_key unique (tenant_id, storage_key)
);

create index if not exists ix_lead_note_attachments_note on lead_note_attachments (tenant_id, note_id, created_at);

-- Blobs to delete from file storage. A removed attachment row queues its blob in the removing transaction, whatever
-- removed it (the file, its note, its lead, a bulk delete); an upload queues its blob with a grace period before writing
-- it, and the row that records the attachment takes the entry out again. The sweeper deletes due blobs, then entries.
create table if not exists file_deletions (
    tenant_id    text        not null,
    storage_key  text        not null,
    queued_at    timestamptz not null default now(),
    delete_after timestamptz not null default now(),
    constraint pk_file_deletions primary key (tenant_id, storage_key)
);

create index if not exists ix_file_deletions_due on file_deletions (delete_after);

-- Rows removed while an inline projection is rebuilt (the rebuild holds the appenders' advisory lock exclusively:
-- namespace "PRSS" = 1347572563, key 1) are not queued: the files still belong to notes that the events keep, and
-- rebuilding "leads" (whose reset cascades into lead_notes) must not cost the businesses their files.
create or replace function prosaas_queue_removed_attachment_blobs() returns trigger
language plpgsql as $$
begin
    if exists (select 1 from pg_locks
               where locktype = 'advisory' and pid = pg_backend_pid() and granted and mode = 'ExclusiveLock'
                 and classid = 1347572563 and objid = 1 and objsubid = 2) then
        return null;
    end if;

    insert into file_deletions (tenant_id, storage_key)
    select r.tenant_id, r.storage_key from removed_attachments r
    on conflict (tenant_id, storage_key) do update set delete_after = least(file_deletions.delete_after, excluded.delete_after);
    return null;
end;
$$;

create or replace trigger trg_lead_note_attachments_queue_blobs
    after delete on lead_note_attachments
    referencing old table as removed_attachments
    for each statement execute function prosaas_queue_removed_attachment_blobs();

select prosaas_enable_tenant_isolation('lead_notes');
select prosaas_enable_tenant_isolation('lead_note_attachments');
select prosaas_enable_tenant_isolation('file_deletions');

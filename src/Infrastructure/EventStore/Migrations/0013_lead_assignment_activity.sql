-- Who handles each lead.
alter table leads add column if not exists assignee_user_id uuid null;
create index if not exists ix_leads_tenant_assignee on leads (tenant_id, assignee_user_id, captured_at desc);
create index if not exists ix_leads_tenant_status_updated on leads (tenant_id, status, updated_at desc);

-- A lead's activity timeline: its own events and every event about it (notes, appointments, calls...) carry its
-- id as data->>'leadId'.
create index if not exists ix_mt_events_lead on mt_events (tenant_id, (data ->> 'leadId'), seq_id) where data ? 'leadId';

-- Erasing a deleted lead's personal details from its recorded events: the events stay (the history of what
-- happened, its ids, times and statuses) but names, phones, e-mails, free text and collected fields are blanked.
create or replace function prosaas_erase_personal_data(payload jsonb) returns jsonb
language sql immutable as $$
    select coalesce(
        (select jsonb_object_agg(key,
            case
                when key in ('fields', 'setFields', 'collectedFields') then '{}'::jsonb
                when key in ('removedFields', 'turns', 'transcript', 'messages') and jsonb_typeof(value) = 'array' then '[]'::jsonb
                when key in ('name', 'phone', 'email', 'text', 'title', 'description', 'notes', 'reason', 'fileName',
                             'authorName', 'transcript', 'summary', 'body', 'caption', 'from', 'to', 'callerNumber',
                             'fromNumber', 'toNumber', 'message', 'content') then 'null'::jsonb
                else value
            end)
         from jsonb_each(payload)),
        '{}'::jsonb) || '{"erased": true}'::jsonb
$$;

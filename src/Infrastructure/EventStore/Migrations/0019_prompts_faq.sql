-- Prompts per channel with versions, the business's street address, and the FAQ.

-- The business's street address (inline projection "tenants", from tenant_profile_changed); null when it has none.
alter table tenants add column if not exists address text null;

-- Every version of every channel's prompt (inline projection "tenant_prompt_versions" of the tenant streams). Version 0,
-- the product's default text, is not stored: a channel without rows is at version 0.
create table if not exists tenant_prompt_versions (
    tenant_id     text        not null,
    channel       text        not null,
    version       integer     not null,
    text          text        not null,
    note          text        null,
    restored_from integer     null,
    author_id     text        null,
    author_name   text        null,
    created_at    timestamptz not null,
    constraint pk_tenant_prompt_versions primary key (tenant_id, channel, version),
    constraint ck_tenant_prompt_versions_channel check (channel in ('inbound_call', 'outbound_call', 'whatsapp')),
    constraint ck_tenant_prompt_versions_version check (version > 0)
);

-- Before prompts had versions, a business changed its call prompts in its settings. Each such change (an event naming
-- inboundPrompt or outboundPrompt among its changed settings) is that prompt's next version, numbered in stream order, as
-- the projection numbers them on a rebuild; the author is the e-mail the change was made with.
insert into tenant_prompt_versions (tenant_id, channel, version, text, note, restored_from, author_id, author_name, created_at)
select e.tenant_id, c.channel,
       row_number() over (partition by e.tenant_id, e.stream_id, c.channel order by e.version),
       e.data -> 'settings' ->> c.field, 'נשמר בהגדרות העסק', null, null, e.user_name, e.timestamp
from mt_events e
cross join (values ('inbound_call', 'inboundPrompt'), ('outbound_call', 'outboundPrompt')) as c(channel, field)
where e.type = 'tenant_settings_changed'
  and jsonb_typeof(e.data -> 'changedSettings') = 'array'
  and jsonb_exists(e.data -> 'changedSettings', c.field)
on conflict do nothing;

select prosaas_enable_tenant_isolation('tenant_prompt_versions');

-- The business's FAQ (inline projection "faq_entries" of the faq_entry streams). A deleted entry's row goes; its stream stays.
create table if not exists faq_entries (
    tenant_id  text        not null,
    id         uuid        not null,
    question   text        not null,
    answer     text        not null,
    keywords   jsonb       not null,
    phrasings  jsonb       not null,
    channels   jsonb       not null,
    is_active  boolean     not null,
    created_by text        null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null,
    constraint pk_faq_entries primary key (tenant_id, id)
);

-- The lists, newest first; a call's entries (active ones, oldest first) are read through the same index.
create index if not exists ix_faq_entries_list on faq_entries (tenant_id, created_at desc, id desc);

select prosaas_enable_tenant_isolation('faq_entries');

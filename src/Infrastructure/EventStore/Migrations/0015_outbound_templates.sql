-- Templates for the calls a business places to its leads (inline projection of the outbound_template streams).
-- Deleting a template is soft: its row stays with deleted_at set, hidden from lists and refused for new calls, so
-- that calls placed with it can still show its name.
create table if not exists outbound_templates (
    tenant_id         text        not null,
    id                uuid        not null,
    name              text        not null,
    description       text        null,
    prompt_text       text        not null,
    greeting_template text        null,
    is_active         boolean     not null,
    created_by        text        null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    deleted_at        timestamptz null,
    deleted_by        text        null,
    version           bigint      not null,
    constraint pk_outbound_templates primary key (tenant_id, id)
);

-- The lists: newest first, deleted ones never.
create index if not exists ix_outbound_templates_list
    on outbound_templates (tenant_id, created_at desc, id desc) where deleted_at is null;

-- Name lookups (a name is unique among a business's templates that are not deleted; checked when saving).
create index if not exists ix_outbound_templates_name
    on outbound_templates (tenant_id, lower(name)) where deleted_at is null;

select prosaas_enable_tenant_isolation('outbound_templates');

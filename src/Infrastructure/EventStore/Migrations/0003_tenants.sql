-- The businesses on the platform (inline projection of the tenant streams). A tenant's own rows carry its id as
-- their tenant_id, like every read-model row, so that its profile and settings are read in its own scope.
create table if not exists tenants (
    id                   uuid        not null,
    tenant_id            text        not null,
    name                 text        not null,
    slug                 text        not null,
    time_zone            text        not null,
    status               text        not null,
    suspension_reason    text        null,
    suspended_at         timestamptz null,
    max_concurrent_calls integer     not null,
    max_outbound_calls   integer     not null,
    settings             jsonb       not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint      not null,
    constraint pk_tenants primary key (id),
    constraint uq_tenants_tenant_id unique (tenant_id),
    constraint uq_tenants_slug unique (slug),
    constraint ck_tenants_tenant_id check (tenant_id = id::text),
    constraint ck_tenants_status check (status in ('active', 'suspended'))
);

create index if not exists ix_tenants_created on tenants (created_at, id);

-- Which business answers each number. The key on the number is what keeps one number from ever being given to
-- two businesses, even when two assignments race: the losing append's transaction fails and rolls back.
create table if not exists tenant_phone_numbers (
    phone       text        not null,
    tenant_id   text        not null,
    assigned_at timestamptz not null,
    constraint pk_tenant_phone_numbers primary key (phone)
);

create index if not exists ix_tenant_phone_numbers_tenant on tenant_phone_numbers (tenant_id);

-- Which business each WhatsApp line (business number or provider phone-number id) belongs to; unique the same way.
create table if not exists tenant_whatsapp_ids (
    identifier text        not null,
    tenant_id  text        not null,
    added_at   timestamptz not null,
    constraint pk_tenant_whatsapp_ids primary key (identifier)
);

create index if not exists ix_tenant_whatsapp_ids_tenant on tenant_whatsapp_ids (tenant_id);

-- Current state of every lead (inline projection: updated in the append's transaction).
create table if not exists leads (
    tenant_id         text        not null,
    id                uuid        not null,
    name              text        null,
    phone             text        null,
    email             text        null,
    source            text        not null,
    status            text        not null,
    fields            jsonb       not null default '{}'::jsonb,
    captured_at       timestamptz not null,
    status_changed_at timestamptz null,
    updated_at        timestamptz not null,
    version           bigint      not null,
    constraint pk_leads primary key (tenant_id, id)
);

create index if not exists ix_leads_tenant_phone on leads (tenant_id, phone);
create index if not exists ix_leads_tenant_status on leads (tenant_id, status);
create index if not exists ix_leads_tenant_captured on leads (tenant_id, captured_at desc);

-- Number of leads per status per tenant (async projection; feeds the lead funnel).
create table if not exists lead_status_counts (
    tenant_id  text   not null,
    status     text   not null,
    lead_count bigint not null,
    constraint pk_lead_status_counts primary key (tenant_id, status)
);

-- Outgoing webhooks: the endpoints a business configured (inline projection of the webhook_endpoint streams), the
-- deliveries the async projection queues for them (one per event per endpoint), and every attempt to send one.
-- Deliveries and attempts are operational rows written by that projection and the dispatcher.
create table if not exists webhook_endpoints (
    tenant_id        text        not null,
    id               uuid        not null,
    url              text        not null,
    description      text        null,
    event_types      text[]      not null,
    kind             text        not null,
    enabled          boolean     not null,
    -- The signing secret encrypted with ASP.NET Core Data Protection (keys in data_protection_keys); never in the clear.
    secret_protected text        not null,
    secret_hint      text        not null,
    -- Sequence number of the event that created the endpoint: only later events are delivered to it.
    created_seq      bigint      not null,
    created_at       timestamptz not null,
    created_by       text        null,
    updated_at       timestamptz not null,
    version          bigint      not null,
    constraint pk_webhook_endpoints primary key (tenant_id, id)
);

create index if not exists ix_webhook_endpoints_created on webhook_endpoints (tenant_id, created_at desc, id desc);

create table if not exists webhook_deliveries (
    tenant_id        text        not null,
    id               uuid        not null,
    endpoint_id      uuid        not null,
    -- The webhook-id header: the same on every attempt, stable per event and endpoint so a replay never queues twice.
    message_id       text        not null,
    event_id         uuid        null,
    event_type       text        not null,
    -- The lead the message is about, so that erasing a lead can also erase what its messages said.
    lead_id          uuid        null,
    payload          text        not null,
    status           text        not null,
    attempt_count    integer     not null default 0,
    attempt_limit    integer     not null,
    resend_requested boolean     not null default false,
    next_attempt_at  timestamptz null,
    -- A dispatcher that took the delivery owns it until then; afterwards another may try (the first one died).
    claimed_until    timestamptz null,
    created_at       timestamptz not null,
    last_attempt_at  timestamptz null,
    completed_at     timestamptz null,
    constraint pk_webhook_deliveries primary key (tenant_id, id),
    constraint uq_webhook_deliveries_message unique (tenant_id, endpoint_id, message_id),
    constraint ck_webhook_deliveries_status check (status in ('pending', 'succeeded', 'failed', 'dead')),
    constraint fk_webhook_deliveries_endpoint foreign key (tenant_id, endpoint_id)
        references webhook_endpoints (tenant_id, id) on delete cascade
);

create index if not exists ix_webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status in ('pending', 'failed');
create index if not exists ix_webhook_deliveries_endpoint on webhook_deliveries (tenant_id, endpoint_id, created_at desc, id desc);
create index if not exists ix_webhook_deliveries_lead on webhook_deliveries (tenant_id, lead_id) where lead_id is not null;

create table if not exists webhook_delivery_attempts (
    tenant_id        text        not null,
    delivery_id      uuid        not null,
    attempt          integer     not null,
    trigger          text        not null,
    attempted_at     timestamptz not null,
    duration_ms      integer     not null,
    succeeded        boolean     not null,
    status_code      integer     null,
    error            text        null,
    response_excerpt text        null,
    constraint pk_webhook_delivery_attempts primary key (tenant_id, delivery_id, attempt),
    constraint fk_webhook_delivery_attempts_delivery foreign key (tenant_id, delivery_id)
        references webhook_deliveries (tenant_id, id) on delete cascade
);

select prosaas_enable_tenant_isolation('webhook_endpoints');
select prosaas_enable_tenant_isolation('webhook_deliveries');
select prosaas_enable_tenant_isolation('webhook_delivery_attempts');

-- Reminders on leads (inline projection of the reminder streams). A reminder goes with its lead: deleting the lead's
-- row deletes its reminders in the same transaction. notified_at is set when the owner was notified of the current due
-- time and cleared when the reminder is rescheduled or handed to another owner.
create table if not exists lead_reminders (
    tenant_id     text        not null,
    id            uuid        not null,
    lead_id       uuid        not null,
    owner_user_id uuid        not null,
    text          text        not null,
    due_at        timestamptz not null,
    completed_at  timestamptz null,
    notified_at   timestamptz null,
    created_by    text        null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null,
    constraint pk_lead_reminders primary key (tenant_id, id),
    constraint fk_lead_reminders_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete cascade
);

create index if not exists ix_lead_reminders_lead_due on lead_reminders (tenant_id, lead_id, due_at, id);
create index if not exists ix_lead_reminders_owner_due on lead_reminders (tenant_id, owner_user_id, due_at, id);
create index if not exists ix_lead_reminders_due on lead_reminders (tenant_id, due_at, id);
-- The due scan, across businesses: open reminders whose notification is still owed.
create index if not exists ix_lead_reminders_owed on lead_reminders (due_at) where completed_at is null and notified_at is null;

select prosaas_enable_tenant_isolation('lead_reminders');

-- The task board (inline projection of the task streams). A task about a lead goes with the lead; one without a lead
-- (lead_id null) is not bound by the foreign key.
create table if not exists tasks (
    tenant_id        text             not null,
    id               uuid             not null,
    lead_id          uuid             null,
    title            text             not null,
    description      text             null,
    status           text             not null,
    position         double precision not null,
    due_at           timestamptz      null,
    assignee_user_id uuid             null,
    notified_at      timestamptz      null,
    created_by       text             null,
    created_at       timestamptz      not null,
    updated_at       timestamptz      not null,
    version          bigint           not null,
    constraint pk_tasks primary key (tenant_id, id),
    constraint fk_tasks_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete cascade,
    constraint ck_tasks_status check (status in ('open', 'in_progress', 'done'))
);

create index if not exists ix_tasks_board on tasks (tenant_id, status, position, id);
create index if not exists ix_tasks_due on tasks (tenant_id, due_at, id);
create index if not exists ix_tasks_assignee_due on tasks (tenant_id, assignee_user_id, due_at, id);
create index if not exists ix_tasks_lead_due on tasks (tenant_id, lead_id, due_at, id) where lead_id is not null;
-- The due scan, across businesses: unfinished tasks with a due time whose notification is still owed.
create index if not exists ix_tasks_owed on tasks (due_at) where notified_at is null and status <> 'done' and due_at is not null;

select prosaas_enable_tenant_isolation('tasks');

-- What came due, per recipient: a user's id, or "key:" and the id of the API key that created an unassigned task (the
-- actor ids of /api/v1/auth/me). Rows are inserted by the reminder and task projections from reminder_came_due and
-- task_came_due (id = that event's id) and removed with their reminder, task or lead; read_at is the recipient's own
-- bookkeeping, written directly and not an event.
create table if not exists notifications (
    tenant_id    text        not null,
    id           uuid        not null,
    recipient_id text        not null,
    kind         text        not null,
    subject_id   uuid        not null,
    lead_id      uuid        null,
    title        text        not null,
    due_at       timestamptz not null,
    created_at   timestamptz not null,
    read_at      timestamptz null,
    constraint pk_notifications primary key (tenant_id, id),
    constraint fk_notifications_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete cascade,
    constraint ck_notifications_kind check (kind in ('reminder_due', 'task_due'))
);

create index if not exists ix_notifications_recipient_created on notifications (tenant_id, recipient_id, created_at desc, id desc);
create index if not exists ix_notifications_recipient_unread on notifications (tenant_id, recipient_id, created_at desc, id desc) where read_at is null;
create index if not exists ix_notifications_subject on notifications (tenant_id, subject_id);

select prosaas_enable_tenant_isolation('notifications');

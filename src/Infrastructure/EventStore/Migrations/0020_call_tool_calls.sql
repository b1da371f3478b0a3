-- The answers given to the AI's tool calls during calls, by the AI's id of each tool call, per call.

-- One row per tool call: its tool, whether it was refused (ok), and the answer as given (the JSON the media host got:
-- ok, output, spoken, effects). An answer that changed something is written by the inline projection "call_tool_calls"
-- from the call's call_tool_applied event, in the transaction that records the change (applied = true); an answer that
-- changed nothing (a refusal, a read such as free slots, the end of the call) is written by the Api (applied = false).
-- The primary key is what makes a tool call count once: a second append of the same tool call fails and is rolled back,
-- and the retry is answered the first answer. The rows go with their call, and so with the call's lead when it is deleted
-- (an answer may repeat what the caller said).
create table if not exists call_tool_calls (
    tenant_id    text        not null,
    call_id      uuid        not null,
    tool_call_id text        not null,
    tool         text        not null,
    ok           boolean     not null,
    answer       jsonb       not null,
    applied      boolean     not null,
    recorded_at  timestamptz not null,
    constraint pk_call_tool_calls primary key (tenant_id, call_id, tool_call_id),
    constraint fk_call_tool_calls_call foreign key (tenant_id, call_id) references calls (tenant_id, id) on delete cascade
);

select prosaas_enable_tenant_isolation('call_tool_calls');

-- Row-level security on every read-model table: a second wall behind the tenant filter of each query.
-- Rows are visible (and writable) only when the transaction's app.tenant_id names their tenant, or is '*'
-- (platform work: projections over many tenants, sign-in lookups, the system admin's tenant list).
-- Without the setting nothing is visible. FORCE applies the policy to the tables' owner, which the application
-- role is; only a superuser or a BYPASSRLS role sees past it, and the application never runs as one.
create or replace function prosaas_enable_tenant_isolation(target regclass) returns void
language plpgsql as $$
begin
    execute format('alter table %s enable row level security', target);
    execute format('alter table %s force row level security', target);
    execute format('drop policy if exists tenant_isolation on %s', target);
    execute format($p$create policy tenant_isolation on %s
        using (tenant_id = current_setting('app.tenant_id', true) or current_setting('app.tenant_id', true) = '*')
        with check (tenant_id = current_setting('app.tenant_id', true) or current_setting('app.tenant_id', true) = '*')$p$,
        target);
end;
$$;

-- Every table so far that holds tenant rows, except the event store's own tables (read through the store only).
do $$
declare t record;
begin
    for t in
        select c.table_name
        from information_schema.columns c
        join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
        where c.table_schema = current_schema() and c.column_name = 'tenant_id' and tb.table_type = 'BASE TABLE'
          and c.table_name not like 'mt\_%'
    loop
        perform prosaas_enable_tenant_isolation(format('%I', t.table_name)::regclass);
    end loop;
end;
$$;

-- One lead per phone number per business: a second capture of the same number enriches the existing lead.
-- The unique index is the wall that holds under concurrent captures (the loser's append rolls back and retries).
drop index if exists ix_leads_tenant_phone;
create unique index if not exists ux_leads_tenant_phone on leads (tenant_id, phone) where phone is not null;

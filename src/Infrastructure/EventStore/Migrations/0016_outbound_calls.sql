-- Outbound calls. A call placed by the business names the outbound template it follows (call_started.templateId): the
-- calls read model keeps it, and the call shows the template's name (the template's row stays after a soft delete).
-- Inbound calls, and calls recorded before, have none.
alter table calls add column if not exists template_id uuid null;

-- The provider's requests about a call the platform placed name the call itself (callId in the webhook's address), and
-- find its live slot by that id whatever the business: the business is the call's own, never one found from a number.
create index if not exists ix_call_slots_call on call_slots (call_id);

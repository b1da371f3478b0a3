using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Tenants;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Tenants;

/// <summary>
/// Keeps <c>tenants</c>, <c>tenant_phone_numbers</c> and <c>tenant_whatsapp_ids</c> in the append's transaction, so a
/// business resolves from its number the moment it is given one. A saved prompt version moves the tenant's version and,
/// for a call channel, the settings document's <c>inboundPrompt</c>/<c>outboundPrompt</c> that mirror it. The tables'
/// unique keys are the last word on who owns a slug, a number or a WhatsApp line: a violation becomes a conflict and the
/// whole append rolls back.
/// </summary>
public sealed class TenantProjection : IProjection
{
    private const string UpsertCreated = """
        insert into tenants (id, tenant_id, name, slug, time_zone, address, status, suspension_reason, suspended_at,
                             max_concurrent_calls, max_outbound_calls, settings, created_at, updated_at, version)
        select i, t, n, sl, tz, ad, st, sr, sa, mc, mo, s::jsonb, c, u, v
        from unnest(@Ids, @TenantIds, @Names, @Slugs, @TimeZones, @Addresses, @Statuses, @Reasons, @SuspendedAt,
                    @MaxConcurrent, @MaxOutbound, @Settings, @CreatedAt, @UpdatedAt, @Versions)
             as x(i, t, n, sl, tz, ad, st, sr, sa, mc, mo, s, c, u, v)
        on conflict (id) do update set
            name = excluded.name, slug = excluded.slug, time_zone = excluded.time_zone, address = excluded.address, status = excluded.status,
            suspension_reason = excluded.suspension_reason, suspended_at = excluded.suspended_at,
            max_concurrent_calls = excluded.max_concurrent_calls, max_outbound_calls = excluded.max_outbound_calls,
            settings = excluded.settings, created_at = excluded.created_at, updated_at = excluded.updated_at,
            version = excluded.version
        """;

    // A null column in x means "unchanged by these events"; a status change also sets (or clears) the suspension, a profile
    // change (pc) sets the address, null included. A prompt saved after the batch's last settings document (or with none in
    // the batch) replaces the mirrored field of the document.
    private const string UpdateChanged = """
        update tenants r set
            name = coalesce(x.n, r.name),
            time_zone = coalesce(x.tz, r.time_zone),
            address = case when x.pc then x.ad else r.address end,
            status = coalesce(x.st, r.status),
            suspension_reason = case when x.st is null then r.suspension_reason else x.sr end,
            suspended_at = case when x.st is null then r.suspended_at else x.sa end,
            max_concurrent_calls = coalesce(x.mc, r.max_concurrent_calls),
            max_outbound_calls = coalesce(x.mo, r.max_outbound_calls),
            settings = coalesce(x.s::jsonb, r.settings) || jsonb_strip_nulls(jsonb_build_object('inboundPrompt', x.ip, 'outboundPrompt', x.op)),
            updated_at = x.u,
            version = x.v
        from unnest(@TenantIds, @Ids, @Names, @TimeZones, @ProfileChanged, @Addresses, @Statuses, @Reasons, @SuspendedAt,
                    @MaxConcurrent, @MaxOutbound, @Settings, @InboundPrompts, @OutboundPrompts, @UpdatedAt, @Versions)
             as x(t, i, n, tz, pc, ad, st, sr, sa, mc, mo, s, ip, op, u, v)
        where r.tenant_id = x.t and r.id = x.i
        """;

    private const string DeleteNumbers = """
        delete from tenant_phone_numbers p using unnest(@TenantIds, @Keys) as x(t, k)
        where p.tenant_id = x.t and p.phone = x.k
        """;

    private const string InsertNumbers = """
        insert into tenant_phone_numbers (phone, tenant_id, assigned_at)
        select k, t, a from unnest(@Keys, @TenantIds, @At) as x(k, t, a)
        """;

    private const string DeleteWhatsAppIds = """
        delete from tenant_whatsapp_ids w using unnest(@TenantIds, @Keys) as x(t, k)
        where w.tenant_id = x.t and w.identifier = x.k
        """;

    private const string InsertWhatsAppIds = """
        insert into tenant_whatsapp_ids (identifier, tenant_id, added_at)
        select k, t, a from unnest(@Keys, @TenantIds, @At) as x(k, t, a)
        """;

    public string Name => "tenants";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(TenantCreated),
        typeof(TenantPhoneNumberAssigned),
        typeof(TenantPhoneNumberReleased),
        typeof(TenantWhatsAppIdentifierAdded),
        typeof(TenantWhatsAppIdentifierRemoved),
        typeof(TenantSuspended),
        typeof(TenantReactivated),
        typeof(TenantLimitsChanged),
        typeof(TenantSettingsChanged),
        typeof(TenantProfileChanged),
        typeof(TenantPromptSaved),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<Guid, Row>();
        var numbers = new Ownership();
        var whatsAppIds = new Ownership();
        foreach (var @event in events)
        {
            var tenantId = TenantOf(@event.Data);
            if (!rows.TryGetValue(tenantId, out var row))
            {
                rows[tenantId] = row = new Row(@event.TenantId, tenantId);
            }

            row.UpdatedAt = @event.Timestamp;
            row.Version = @event.Version;
            switch (@event.Data)
            {
                case TenantCreated e:
                    row.Created = e;
                    row.Name = e.Name;
                    row.TimeZone = e.TimeZone;
                    row.Status = TenantStatus.Active;
                    row.Limits = e.Limits;
                    row.Settings = e.Settings;
                    break;
                case TenantPhoneNumberAssigned e:
                    numbers.Assign(@event.TenantId, e.PhoneNumber, e.AssignedAt);
                    break;
                case TenantPhoneNumberReleased e:
                    numbers.Release(@event.TenantId, e.PhoneNumber);
                    break;
                case TenantWhatsAppIdentifierAdded e:
                    whatsAppIds.Assign(@event.TenantId, e.Identifier, e.AddedAt);
                    break;
                case TenantWhatsAppIdentifierRemoved e:
                    whatsAppIds.Release(@event.TenantId, e.Identifier);
                    break;
                case TenantSuspended e:
                    row.Status = TenantStatus.Suspended;
                    row.SuspensionReason = e.Reason;
                    row.SuspendedAt = e.SuspendedAt;
                    break;
                case TenantReactivated:
                    row.Status = TenantStatus.Active;
                    row.SuspensionReason = null;
                    row.SuspendedAt = null;
                    break;
                case TenantLimitsChanged e:
                    row.Limits = e.Limits;
                    break;
                case TenantSettingsChanged e:
                    row.Settings = e.Settings;
                    row.InboundPrompt = null;
                    row.OutboundPrompt = null;
                    break;
                case TenantProfileChanged e:
                    row.Name = e.Name;
                    row.TimeZone = e.TimeZone;
                    row.ProfileChanged = true;
                    row.Address = e.Address;
                    break;
                case TenantPromptSaved e:
                    row.MirrorPrompt(e.Channel, e.Text);
                    break;
            }
        }

        try
        {
            await WriteTenantsAsync(context, rows.Values, cancellationToken);
            await WriteOwnershipAsync(context, numbers, DeleteNumbers, InsertNumbers, cancellationToken);
            await WriteOwnershipAsync(context, whatsAppIds, DeleteWhatsAppIds, InsertWhatsAppIds, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ex.ConstraintName switch
            {
                "uq_tenants_slug" => TenantConflicts.SlugTaken(),
                "pk_tenant_phone_numbers" => TenantConflicts.NumberTaken(numbers.Single),
                "pk_tenant_whatsapp_ids" => TenantConflicts.WhatsAppTaken(whatsAppIds.Single),
                _ => ex,
            };
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await context.Connection.ExecuteAsync(new CommandDefinition(
            "delete from tenant_whatsapp_ids; delete from tenant_phone_numbers; delete from tenants",
            transaction: context.Transaction, cancellationToken: cancellationToken));
    }

    private static async Task WriteTenantsAsync(ProjectionContext context, IEnumerable<Row> rows, CancellationToken cancellationToken)
    {
        var created = rows.Where(r => r.Created is not null).ToList();
        if (created.Count > 0)
        {
            // A business created with prompts of its own has their versions in the same append: fold them into its document.
            foreach (var row in created)
            {
                row.FoldPromptsIntoSettings();
            }

            await context.Connection.ExecuteAsync(new CommandDefinition(UpsertCreated, new
            {
                Ids = created.Select(r => r.Id).ToArray(),
                TenantIds = created.Select(r => r.TenantId).ToArray(),
                Names = created.Select(r => r.Name).ToArray(),
                Slugs = created.Select(r => r.Created!.Slug).ToArray(),
                TimeZones = created.Select(r => r.TimeZone).ToArray(),
                Addresses = created.Select(r => r.Address).ToArray(),
                Statuses = created.Select(r => StatusName(r.Status!.Value)).ToArray(),
                Reasons = created.Select(r => r.SuspensionReason).ToArray(),
                SuspendedAt = created.Select(r => r.SuspendedAt?.ToUniversalTime()).ToArray(),
                MaxConcurrent = created.Select(r => r.Limits!.MaxConcurrentCalls).ToArray(),
                MaxOutbound = created.Select(r => r.Limits!.MaxOutboundCalls).ToArray(),
                Settings = created.Select(r => SerializeSettings(r.Settings!)).ToArray(),
                CreatedAt = created.Select(r => r.Created!.CreatedAt.ToUniversalTime()).ToArray(),
                UpdatedAt = created.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = created.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }

        var changed = rows.Where(r => r.Created is null).ToList();
        if (changed.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpdateChanged, new
            {
                TenantIds = changed.Select(r => r.TenantId).ToArray(),
                Ids = changed.Select(r => r.Id).ToArray(),
                Names = changed.Select(r => r.Name).ToArray(),
                TimeZones = changed.Select(r => r.TimeZone).ToArray(),
                ProfileChanged = changed.Select(r => r.ProfileChanged).ToArray(),
                Addresses = changed.Select(r => r.Address).ToArray(),
                Statuses = changed.Select(r => r.Status is { } status ? StatusName(status) : null).ToArray(),
                Reasons = changed.Select(r => r.SuspensionReason).ToArray(),
                SuspendedAt = changed.Select(r => r.SuspendedAt?.ToUniversalTime()).ToArray(),
                MaxConcurrent = changed.Select(r => r.Limits?.MaxConcurrentCalls).ToArray(),
                MaxOutbound = changed.Select(r => r.Limits?.MaxOutboundCalls).ToArray(),
                Settings = changed.Select(r => r.Settings is null ? null : SerializeSettings(r.Settings)).ToArray(),
                InboundPrompts = changed.Select(r => r.InboundPrompt).ToArray(),
                OutboundPrompts = changed.Select(r => r.OutboundPrompt).ToArray(),
                UpdatedAt = changed.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = changed.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Every released (tenant, key) goes first, then each key's final owner is inserted.</summary>
    private static async Task WriteOwnershipAsync(
        ProjectionContext context, Ownership ownership, string deleteSql, string insertSql, CancellationToken cancellationToken)
    {
        if (ownership.Released.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(deleteSql, new
            {
                TenantIds = ownership.Released.Select(r => r.TenantId).ToArray(),
                Keys = ownership.Released.Select(r => r.Key).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }

        var owned = ownership.Owners.Where(o => o.Value is not null).Select(o => (o.Key, Owner: o.Value!.Value)).ToList();
        if (owned.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(insertSql, new
            {
                Keys = owned.Select(o => o.Key).ToArray(),
                TenantIds = owned.Select(o => o.Owner.TenantId).ToArray(),
                At = owned.Select(o => o.Owner.Since.ToUniversalTime()).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    internal static string StatusName(TenantStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    internal static string SerializeSettings(TenantSettings settings) =>
        JsonSerializer.Serialize(settings, EventTypeRegistry.SerializerOptions);

    private static Guid TenantOf(Domain.Common.IDomainEvent @event) => @event switch
    {
        TenantCreated e => e.TenantId,
        TenantPhoneNumberAssigned e => e.TenantId,
        TenantPhoneNumberReleased e => e.TenantId,
        TenantWhatsAppIdentifierAdded e => e.TenantId,
        TenantWhatsAppIdentifierRemoved e => e.TenantId,
        TenantSuspended e => e.TenantId,
        TenantReactivated e => e.TenantId,
        TenantLimitsChanged e => e.TenantId,
        TenantSettingsChanged e => e.TenantId,
        TenantProfileChanged e => e.TenantId,
        TenantPromptSaved e => e.TenantId,
        _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a tenant event."),
    };

    private sealed class Row(string tenantId, Guid id)
    {
        public string TenantId { get; } = tenantId;
        public Guid Id { get; } = id;
        public TenantCreated? Created { get; set; }
        public string? Name { get; set; }
        public string? TimeZone { get; set; }
        public TenantStatus? Status { get; set; }
        public string? SuspensionReason { get; set; }
        public DateTimeOffset? SuspendedAt { get; set; }
        public TenantLimits? Limits { get; set; }
        public TenantSettings? Settings { get; set; }
        public bool ProfileChanged { get; set; }
        public string? Address { get; set; }

        /// <summary>Prompt texts saved after the batch's last settings document, or in a batch without one.</summary>
        public string? InboundPrompt { get; set; }

        public string? OutboundPrompt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }

        public void MirrorPrompt(AssistantChannel channel, string text)
        {
            switch (channel)
            {
                case AssistantChannel.InboundCall:
                    InboundPrompt = text;
                    break;
                case AssistantChannel.OutboundCall:
                    OutboundPrompt = text;
                    break;
            }
        }

        public void FoldPromptsIntoSettings()
        {
            if (Settings is null)
            {
                return;
            }

            Settings = Settings with
            {
                InboundPrompt = InboundPrompt ?? Settings.InboundPrompt,
                OutboundPrompt = OutboundPrompt ?? Settings.OutboundPrompt,
            };
            InboundPrompt = null;
            OutboundPrompt = null;
        }
    }

    /// <summary>The net effect of a batch on who owns which key (a number or a WhatsApp line).</summary>
    private sealed class Ownership
    {
        public List<(string TenantId, string Key)> Released { get; } = [];

        /// <summary>Each touched key's owner after the batch; null when its last event released it.</summary>
        public Dictionary<string, (string TenantId, DateTimeOffset Since)?> Owners { get; } = new(StringComparer.Ordinal);

        /// <summary>The one key this batch gives an owner, when there is exactly one (to name it in a conflict).</summary>
        public string? Single => Owners.Count(o => o.Value is not null) == 1 ? Owners.Single(o => o.Value is not null).Key : null;

        public void Assign(string tenantId, string key, DateTimeOffset since) => Owners[key] = (tenantId, since);

        public void Release(string tenantId, string key)
        {
            Released.Add((tenantId, key));
            Owners[key] = null;
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// Notes and their files. Each row writes its own note: in A with the calling client itself (so that the caller is its
/// author and may change it), in B with B's owner. A refused request must leave B's note, files and blobs as they were.
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] NotesEndpoints =
    [
        new("POST /api/v1/leads/{leadId}/notes", Role.Agent, HttpStatusCode.Created, Targeted: true),
        new("GET /api/v1/leads/{leadId}/notes", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/leads/{leadId}/notes/{noteId}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("PUT /api/v1/leads/{leadId}/notes/{noteId}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("DELETE /api/v1/leads/{leadId}/notes/{noteId}", Role.Agent, HttpStatusCode.NoContent, Targeted: true),
        new("POST /api/v1/leads/{leadId}/notes/{noteId}/attachments", Role.Agent, HttpStatusCode.Created, Targeted: true),
        new("DELETE /api/v1/leads/{leadId}/notes/{noteId}/attachments/{attachmentId}", Role.Agent, HttpStatusCode.NoContent, Targeted: true),
        new("GET /api/v1/leads/{leadId}/notes/{noteId}/attachments/{attachmentId}", Role.Agent, HttpStatusCode.OK, Targeted: true),
    ];

    [MatrixArea]
    private async Task<bool> NotesRowAsync(MatrixRow row)
    {
        if (NotesEndpoints.All(e => e.Name != row.Endpoint))
        {
            return false;
        }

        var (leadId, leadName) = await NewLeadAsync(row.Tenant);
        var author = row.Target == Target.Other ? await fx.CachedSessionAsync(B, Role.Owner) : row.Client;
        var notes = $"/api/v1/leads/{leadId}/notes";
        var text = Callers.Unique("פתק");
        var png = TestFiles.Png();
        var note = await TenancyFixture.ReadAsync(await author.PostAsync(notes, TestFiles.Form(text, png, "תמונה.png", "image/png")), "a note to act on");
        var noteId = note.GetProperty("id").GetGuid();
        var fileId = note.GetProperty("attachments")[0].GetProperty("id").GetGuid();
        var key = await Scalar<string>("select storage_key from lead_note_attachments where id = $1", fileId);
        if (row.Target == Target.Other)
        {
            row.Foreign.AddRange([leadId.ToString(), leadName, noteId.ToString(), fileId.ToString(), text]);
        }

        var blob = Path.Combine(fx.Api.StoragePath, key);
        switch (row.Endpoint)
        {
            case "POST /api/v1/leads/{leadId}/notes":
            {
                var added = Callers.Unique("פתק חדש");
                await row.Call(row.Client.PostAsJsonAsync(notes, new { text = added }));
                (await Count("select count(*) from lead_notes where text = $1 and tenant_id = $2", added, A.ToString())).Should().Be(row.Allowed ? 1 : 0);
                (await Count("select count(*) from lead_notes where text = $1", added)).Should().Be(row.Allowed ? 1 : 0);
                break;
            }

            case "GET /api/v1/leads/{leadId}/notes":
            {
                var body = await row.Call(row.Client.GetAsync(notes));
                if (row.Allowed)
                {
                    NoteJson(body).GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).Should().Equal(noteId);
                }

                break;
            }

            case "GET /api/v1/leads/{leadId}/notes/{noteId}":
            {
                var body = await row.Call(row.Client.GetAsync($"{notes}/{noteId}"));
                if (row.Allowed)
                {
                    NoteJson(body).GetProperty("text").GetString().Should().Be(text);
                }

                break;
            }

            case "PUT /api/v1/leads/{leadId}/notes/{noteId}":
            {
                var edited = Callers.Unique("נערך");
                await row.Call(row.Client.PutAsJsonAsync($"{notes}/{noteId}", new { text = edited, expectedVersion = 2 }));
                (await Scalar<string>("select text from lead_notes where id = $1", noteId)).Should().Be(row.Allowed ? edited : text);
                break;
            }

            case "DELETE /api/v1/leads/{leadId}/notes/{noteId}":
                await row.Call(row.Client.DeleteAsync($"{notes}/{noteId}"));
                (await Count("select count(*) from lead_notes where id = $1", noteId)).Should().Be(row.Allowed ? 0 : 1);
                File.Exists(blob).Should().Be(!row.Allowed);
                break;

            case "POST /api/v1/leads/{leadId}/notes/{noteId}/attachments":
            {
                var files = Directory.GetFiles(fx.Api.StoragePath, "*", SearchOption.AllDirectories).Length;
                await row.Call(row.Client.PostAsync($"{notes}/{noteId}/attachments", TestFiles.Form(null, TestFiles.Pdf(), "מסמך.pdf", "application/pdf")));
                (await Count("select count(*) from lead_note_attachments where note_id = $1", noteId)).Should().Be(row.Allowed ? 2 : 1);
                Directory.GetFiles(fx.Api.StoragePath, "*", SearchOption.AllDirectories).Length.Should().Be(row.Allowed ? files + 1 : files);
                break;
            }

            case "DELETE /api/v1/leads/{leadId}/notes/{noteId}/attachments/{attachmentId}":
            {
                // The note keeps its text, so its only file may go.
                await row.Call(row.Client.DeleteAsync($"{notes}/{noteId}/attachments/{fileId}"));
                (await Count("select count(*) from lead_note_attachments where id = $1", fileId)).Should().Be(row.Allowed ? 0 : 1);
                File.Exists(blob).Should().Be(!row.Allowed);
                break;
            }

            case "GET /api/v1/leads/{leadId}/notes/{noteId}/attachments/{attachmentId}":
            {
                var response = await row.Client.GetAsync($"{notes}/{noteId}/attachments/{fileId}");
                if (row.Allowed)
                {
                    response.StatusCode.Should().Be(HttpStatusCode.OK);
                    (await response.Content.ReadAsByteArrayAsync()).Should().Equal(png);
                }
                else
                {
                    await row.Call(Task.FromResult(response));
                }

                break;
            }

            default:
                return false;
        }

        return true;
    }

    private static JsonElement NoteJson(string body) => JsonDocument.Parse(body).RootElement.Clone();
}

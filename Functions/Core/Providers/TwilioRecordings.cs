using Azure.Data.Tables;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;

namespace FollowUp.Core;

/// <summary>
/// Deletes an inquiry's voicemail recordings at Twilio (<see cref="RecordingResource.DeleteAsync(string, string, Twilio.Clients.ITwilioRestClient)"/>)
/// before the inquiry itself goes: erasure and the retention purge leave no recording behind them, and a recording
/// Twilio reports for a call no inquiry has (erased meanwhile) is deleted at once.
/// </summary>
internal sealed class TwilioRecordings(FollowUpStorage storage, TwilioClients twilio, ILogger<TwilioRecordings> logger)
{
    /// <summary>Deletes every recording of the inquiry's calls; false when one could not be deleted (the inquiry must then stay, to try again).</summary>
    public async Task<bool> DeleteAllAsync(string inquiryId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {inquiryId} and RowKey ge {CallEntity.Prefix} and RowKey lt {InquiryRows.PrefixEnd(CallEntity.Prefix)}");
        var all = true;
        await foreach (var call in storage.Inquiries.QueryAsync<CallEntity>(filter, select: [nameof(CallEntity.RecordingSid)], cancellationToken: cancellationToken))
        {
            if (call.RecordingSid is { Length: > 0 } sid)
            {
                all &= await DeleteAsync(sid);
            }
        }

        return all;
    }

    /// <summary>Deletes one recording at Twilio; true when it is gone (or never was).</summary>
    public async Task<bool> DeleteAsync(string recordingSid)
    {
        try
        {
            var (client, _) = twilio.Connect();
            await RecordingResource.DeleteAsync(recordingSid, client: client);
            return true;
        }
        catch (ApiException gone) when (gone.Status == 404)
        {
            return true;
        }
        catch (Exception ex) when (ex is ApiException or ApiConnectionException or HttpRequestException or InvalidOperationException)
        {
            CoreLog.RecordingNotDeleted(logger, recordingSid, ex.Message);
            return false;
        }
    }
}

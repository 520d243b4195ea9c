using System.Text.Json.Nodes;
using BranchArchive.Api.Apis;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Api.OpenApi;

/// <summary>
/// Examples of the main requests, by body type: the README's tour and the cross-branch request.
/// The lint checks each against its schema.
/// </summary>
internal static class RequestExamples
{
    private static readonly Dictionary<Type, string> ByBody = new()
    {
        [typeof(DevTokenApi.DevTokenRequest)] = """{"sub":"alice","roles":["clerk"],"branch":"SH01"}""",
        [typeof(CreateBranchCommand)] = """{"code":"SH01","name":"Shanghai Pudong","region":"East"}""",
        [typeof(CreateCabinetCommand)] = """{"code":"C01","name":"Contracts A","capacity":500}""",
        [typeof(RegisterFileCommand)] = """
            {"branch":"SH01","cabinet":"C01",
             "customer":{"name":"上海某某机械设备制造厂","type":"Enterprise","idNumber":"91310000XXXXXXXX","industry":"Machinery","region":"Shanghai"},
             "importance":"Vip","sensitivity":"Confidential","lendable":true,"tags":["contract","2026"],
             "documents":[{"type":"Cooperation","title":"Framework contract","pages":12,"date":"2026-03-01"}]}
            """,
        [typeof(CheckoutCommand)] = """{"borrower":"zhang.san","purpose":"Contract renewal","days":14}""",
        [typeof(ReturnCommand)] = """{"loanId":"6f1c2f0e-6a51-4c47-9d0e-0d6f1f3b2a10","condition":"Intact","notes":""}""",
        [typeof(RenewCommand)] = """{"loanId":"6f1c2f0e-6a51-4c47-9d0e-0d6f1f3b2a10","days":7}""",
        [typeof(RequestFileCommand)] = """{"borrower":"li.si","pickupBranch":"BJ01","purpose":"Credit review","days":7}""",
        [typeof(DispatchCommand)] = """{"reference":"SF1234567890"}""",
        [typeof(ReceiveCommand)] = """{"notes":"Seal intact"}""",
        [typeof(PickupCommand)] = """{"requestId":"0b7d5e0c-3c2a-4f5e-8a4b-2d9c1e7f6a35"}""",
    };

    public static JsonNode? For(Type body) => ByBody.TryGetValue(body, out var json) ? JsonNode.Parse(json) : null;
}

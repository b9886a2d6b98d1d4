namespace Trellis.Ui.Tests;

/// <summary>
/// The web UI in a real browser against a real agent (see <see cref="BrowserFixture"/>). The names are those of
/// ui/tests/ui.tests.mjs; a test missing from the run fails here.
/// </summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Listed =
    [
        "Root_RedirectsToServicesList_WithHealthPerService",
        "ServiceDetail_ShowsInstancesWithNodeAddressPortTagsMetaAndCheckOutput",
        "CheckFlip_UpdatesDetailAndListWithoutReload",
        "TtlCheck_FailAndPassThroughAgentEndpoints_UpdateThePage",
        "QuietPage_WaitsOnBlockingQueries_WithoutPolling",
        "Search_AndServerSideFilter_NarrowTheList",
        "Keyboard_ArrowsAndEnter_OpenAService",
        "NodesListAndNodeDetail_ShowServicesAndChecks",
        "Kv_CreateEditDelete_ThroughTheUi",
        "Kv_ConcurrentEdit_IsReportedAsCasConflict_AndNotOverwritten",
        "Kv_BinaryValue_IsShownAsBinaryAndNotEditable",
        "ErrorStates_PermissionDeniedAndUnreachable_AreShown",
        "PhoneViewport_DarkTheme_IsReadable",
        "ServiceWithThousandsOfInstances_InstanceListIsWindowed",
        "FiveThousandServices_ListStaysWindowedAndSearchable",
        "FiftyThousandInstances_NodesAndServicesListsStayWindowedAndSearchable",
        "Keyboard_EndThenEnterAtOnce_OpensTheLastService",
    ];

    public static TheoryData<string> Names => new(Listed);

    [Theory]
    [MemberData(nameof(Names))]
    public void BrowserTest_AgainstDevAgent_Passes(string name)
    {
        Assert.True(fixture.SuiteFailure is null, fixture.SuiteFailure);
        Assert.True(fixture.Results.TryGetValue(name, out var result), $"the browser suite did not run {name}");
        Assert.True(result.Passed, $"{name} failed in the browser:{Environment.NewLine}{result.Error}{Environment.NewLine}"
            + $"screenshot: {Path.Combine(BrowserFixture.ScreenshotDir, "FAILED-" + name + ".png")}");
    }

    [Fact]
    public void BrowserSuite_RunsOnlyListedTests()
    {
        Assert.True(fixture.SuiteFailure is null, fixture.SuiteFailure);
        var unlisted = fixture.Results.Keys.Except(Listed, StringComparer.Ordinal).ToList();

        Assert.True(unlisted.Count == 0, "ui/tests/ui.tests.mjs has tests not listed here: " + string.Join(", ", unlisted));
    }
}

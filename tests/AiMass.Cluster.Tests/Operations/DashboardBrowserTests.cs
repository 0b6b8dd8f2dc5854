using System.Net;
using System.Text.Json;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiMass.Cluster.Tests.Operations;

/// <summary>
/// The dashboard in a real browser: Debian's Chromium driven by Playwright (pointed at /usr/bin/chromium; its own
/// browser download is not used). A job submitted to an embedded cluster is followed live on the page until it
/// ends. Set AIMASS_DASHBOARD_SCREENSHOT to a file to keep a screenshot of the finished page (docs/dashboard.png).
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Iterations = 12;
    private const int Partitions = 4;
    private static readonly float Timeout = 90_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [ToolFact("chromium")]
    public async Task The_page_asks_for_the_token_then_plots_a_running_job_live_until_it_succeeds()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 4000, 3, 3, seed: 21);
        await using var cluster = await EmbeddedCluster.StartAsync(
            2, () => new SlowBackend(TimeSpan.FromMilliseconds(150)),
            s => s with { ApiUrl = "http://127.0.0.1:0" }, withApi: true);
        var api = cluster.ApiAddress!;
        var token = cluster.ApiToken!.Value;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };

        await RefusesAWrongTokenAsync(page, api);
        errors.Clear(); // the refused token's 401s
        var job = await SubmitAsync(api, token, data);
        await page.GotoAsync($"{api}#token={token}");
        await page.WaitForFunctionAsync(
            "() => Number(document.querySelector('#lb-chart').dataset.points) >= 3", null,
            new PageWaitForFunctionOptions { Timeout = Timeout });
        Assert.True(await page.Locator("#lb-chart canvas").CountAsync() > 0);
        Assert.NotEqual("succeeded", await page.Locator("#job-state").GetAttributeAsync("data-state"));

        await page.Locator("#job-state[data-state='succeeded']").WaitForAsync(
            new LocatorWaitForOptions { Timeout = Timeout });
        await page.WaitForFunctionAsync(
            $"() => document.querySelectorAll('#partition-bars .bar').length === {Partitions}", null,
            new PageWaitForFunctionOptions { Timeout = Timeout });

        Assert.Equal($"Job {job}", await page.Locator("#job-title").TextContentAsync());
        Assert.Equal($"{Iterations}", await page.Locator("#lb-chart").GetAttributeAsync("data-points"));
        Assert.Equal($"{Iterations}", await page.Locator("#time-chart").GetAttributeAsync("data-points"));
        Assert.Equal(4, await page.Locator("#members tbody tr").CountAsync());
        // The jobs table refreshes every 2 s, apart from the job's own live stream.
        await page.Locator($"tr.job-row[data-job='{job}'] td.state-succeeded").WaitForAsync(
            new LocatorWaitForOptions { Timeout = Timeout });
        Assert.Equal("", await page.EvaluateAsync<string>("() => location.hash"));
        Assert.Equal(token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('aimass.token')"));
        Assert.Empty(errors);
        await KeepScreenshotAsync(page);
    }

    /// <summary>Without a token the page shows the form; a wrong one is refused with a message.</summary>
    private static async Task RefusesAWrongTokenAsync(IPage page, Uri api)
    {
        await page.GotoAsync(api.ToString());
        await page.Locator("#token-form").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        Assert.True(await page.Locator("#main").IsHiddenAsync());
        await page.Locator("#token-input").FillAsync("not-the-token");
        await page.Locator("#token-form button[type=submit]").ClickAsync();
        await page.Locator("#token-error").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        Assert.Contains("refused", await page.Locator("#token-error").TextContentAsync());
    }

    private static async Task<string> SubmitAsync(Uri api, string token, string data)
    {
        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var body = JsonSerializer.Serialize(new
        {
            // One precision: auto may redo the last iterations in float64, which the page would plot again.
            data, components = 3, partitions = Partitions, max_iter = Iterations, tol = 0, precision = "double",
        });
        using var response = await http.PostAsync(
            "api/jobs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("job_id").GetString()!;
    }

    private async Task KeepScreenshotAsync(IPage page)
    {
        var path = Environment.GetEnvironmentVariable("AIMASS_DASHBOARD_SCREENSHOT") ?? _dir.File("dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}

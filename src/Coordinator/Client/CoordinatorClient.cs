using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AiMass.Coordinator.Api;
using AiMass.Kernels;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Client;

/// <summary>
/// Typed calls to the coordinator's HTTP API (<see cref="CoordinatorApi"/>), with the API's JSON conventions.
/// Failures become exceptions the CLI maps to exit codes: bad input and unknown jobs as
/// <see cref="InvalidInputException"/> (2), everything else as <see cref="CoordinatorException"/> (1).
/// </summary>
public sealed class CoordinatorClient : IDisposable
{
    /// <summary>How long a query may take (the API itself asks the job manager with 15 s).</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a submission may take: the coordinator checks the job against the dataset's header first
    /// (it asks its job manager with 60 s).</summary>
    public static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(90);

    private readonly HttpClient _http;
    private readonly ClientToken? _token;

    /// <summary>
    /// A client of the API at <paramref name="address"/> (see <see cref="CoordinatorAddress"/>) without a token.
    /// </summary>
    public CoordinatorClient(Uri address, HttpMessageHandler? handler = null)
        : this(address, null, handler)
    {
    }

    /// <summary>
    /// A client of the API at <paramref name="address"/> that sends <paramref name="token"/> (see
    /// <see cref="ClientToken"/>) as its bearer token.
    /// </summary>
    public CoordinatorClient(Uri address, ClientToken? token, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        // Each call sets its own deadline; the progress stream has none.
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        Address = address;
        _token = token;
    }

    /// <summary>The API's base address.</summary>
    public Uri Address { get; }

    /// <summary>How long each query may take, waits for a coordinator that is not ready included.</summary>
    public TimeSpan QueryDeadline { get; init; } = QueryTimeout;

    /// <summary>
    /// Where the client says that it waits for a coordinator that answered 503 with <c>Retry-After</c> (the CLI's
    /// standard error); null says nothing.
    /// </summary>
    public TextWriter? Notices { get; init; }

    private string Where => CoordinatorAddress.Display(Address);

    /// <summary>
    /// Submits a job; returns its id. A rejected job throws (bad input as <see cref="InvalidInputException"/>).
    /// </summary>
    public async Task<string> SubmitAsync(FitSpec spec, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var content = JsonContent.Create(spec, options: ApiJson.Options);
        var reply = await SendAsync<JobCommands.JobSubmitted>(
            HttpMethod.Post, "api/jobs", content, null, SubmitTimeout, cancellation);
        return reply.JobId;
    }

    /// <summary>Every job, newest first, without history.</summary>
    public async Task<IReadOnlyList<JobStatus>> JobsAsync(CancellationToken cancellation) =>
        (await SendAsync<JobQueries.JobList>(HttpMethod.Get, "api/jobs", null, null, QueryDeadline, cancellation)).Jobs;

    /// <summary>A job's status with its iterations from <paramref name="since"/> on.</summary>
    public Task<JobStatus> StatusAsync(string jobId, int since, CancellationToken cancellation) =>
        SendAsync<JobStatus>(
            HttpMethod.Get, $"api/jobs/{Escape(jobId)}?since={since}", null, jobId, QueryDeadline, cancellation);

    /// <summary>Cancels a job (nothing happens to a finished one); returns its status.</summary>
    public Task<JobStatus> CancelAsync(string jobId, CancellationToken cancellation) =>
        SendAsync<JobStatus>(
            HttpMethod.Post, $"api/jobs/{Escape(jobId)}/cancel", null, jobId, QueryDeadline, cancellation);

    /// <summary>Deletes a finished job from the coordinator's store (a job that has not ended is refused: exit 2).
    /// </summary>
    public Task<JobCommands.JobDeleted> DeleteAsync(string jobId, CancellationToken cancellation) =>
        SendAsync<JobCommands.JobDeleted>(
            HttpMethod.Delete, $"api/jobs/{Escape(jobId)}", null, jobId, QueryTimeout, cancellation);

    /// <summary>The model file of a succeeded job, as the coordinator wrote it.</summary>
    public async Task<string> ModelAsync(string jobId, CancellationToken cancellation)
    {
        using var response = await CallAsync(
            HttpMethod.Get, $"api/jobs/{Escape(jobId)}/model", null, jobId, QueryDeadline, cancellation);
        return await ReadTextAsync(response, QueryDeadline, cancellation);
    }

    /// <summary>The cluster's members, roles, states, devices and partitions.</summary>
    public Task<ClusterQueries.ClusterView> ClusterAsync(CancellationToken cancellation) =>
        SendAsync<ClusterQueries.ClusterView>(HttpMethod.Get, "api/cluster", null, null, QueryDeadline, cancellation);

    /// <summary>
    /// Follows a job's progress stream: every iteration so far, then each new one and each status change, until
    /// the job ends (the last event is its final status) or the connection closes.
    /// </summary>
    public async IAsyncEnumerable<JobProgressEvent> EventsAsync(
        string jobId, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var path = $"api/jobs/{Escape(jobId)}/events";
        using var response = await CallAsync(
            HttpMethod.Get, path, null, jobId, QueryDeadline, cancellation, streaming: true);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation));
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellation);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new CoordinatorException(
                    $"lost the connection to the coordinator at {Where} while following job {jobId}: {e.Message}; " +
                    $"'aimass watch {jobId}' follows it again", e);
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length > 0)
            {
                yield return ParseEvent(line);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private JobProgressEvent ParseEvent(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.GetProperty("type").GetString() switch
            {
                "iteration" => new JobProgressEvent(
                    root.GetProperty("entry").Deserialize<ProgressEntry>(ApiJson.Options), null),
                "status" => new JobProgressEvent(
                    null, root.GetProperty("status").Deserialize<JobStatus>(ApiJson.Options)),
                var other => throw new JsonException($"unknown event type '{other}'"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CoordinatorException(
                $"the coordinator at {Where} sent a progress line this client cannot read: {e.Message}", e);
        }
    }

    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, string? jobId, TimeSpan timeout,
        CancellationToken cancellation)
    {
        using var response = await CallAsync(method, path, content, jobId, timeout, cancellation);
        var text = await ReadTextAsync(response, timeout, cancellation);
        try
        {
            return JsonSerializer.Deserialize<T>(text, ApiJson.Options)
                ?? throw new JsonException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new CoordinatorException(
                $"the coordinator at {Where} answered {method} /{path} with JSON this client cannot read: " +
                e.Message, e);
        }
    }

    private async Task<HttpResponseMessage> CallAsync(
        HttpMethod method, string path, HttpContent? content, string? jobId, TimeSpan timeout,
        CancellationToken cancellation, bool streaming = false)
    {
        using var owned = content;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var call = new ApiCall(method, path, timeout, cancellation, deadline.Token);
        var told = false;
        while (true)
        {
            var response = await SendOnceAsync(call, content, streaming);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    throw ApiFailures.Unauthorized(Where, _token?.Source);
                }

                var body = await ReadTextAsync(response, timeout, cancellation);
                if (ApiFailures.RetryDelay(response) is not { } delay)
                {
                    throw ApiFailures.ToException(response.StatusCode, body, $"{method} /{path}", jobId, Where);
                }

                if (!told)
                {
                    // Once per call: the coordinator is starting or its job manager is moving (fail-over).
                    Notices?.WriteLine(
                        $"aimass: waiting up to {timeout.TotalSeconds:F0} s for the coordinator at {Where}: " +
                        ApiFailures.Message(body, "it is not ready"));
                    told = true;
                }

                await WaitToRetryAsync(call, delay, body);
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(ApiCall call, HttpContent? content, bool streaming)
    {
        // A new message per attempt; the content is the caller's and outlives it (disposing a message disposes
        // its content).
        var request = new HttpRequestMessage(call.Method, call.Path) { Content = content };
        try
        {
            // Buffered calls read the whole body under the deadline; the stream only its headers.
            var completion = streaming
                ? HttpCompletionOption.ResponseHeadersRead
                : HttpCompletionOption.ResponseContentRead;
            return await _http.SendAsync(request, completion, call.Deadline);
        }
        catch (HttpRequestException e)
        {
            throw new CoordinatorException(
                $"cannot reach the coordinator at {Where}: {e.Message}; start one with 'aimass coordinator' " +
                $"or set --coordinator/{CoordinatorAddress.EnvironmentVariable}", e);
        }
        catch (OperationCanceledException e) when (!call.Cancellation.IsCancellationRequested)
        {
            throw new CoordinatorException(
                $"the coordinator at {Where} did not answer {call.Method} /{call.Path} within " +
                $"{call.Timeout.TotalSeconds:F0} s; check its log and 'aimass cluster'", e);
        }
        finally
        {
            request.Content = null;
            request.Dispose();
        }
    }

    private async Task WaitToRetryAsync(ApiCall call, TimeSpan delay, string body)
    {
        try
        {
            await Task.Delay(delay, call.Deadline);
        }
        catch (OperationCanceledException e) when (!call.Cancellation.IsCancellationRequested)
        {
            throw new CoordinatorException(
                $"the coordinator at {Where} was still not ready after {call.Timeout.TotalSeconds:F0} s: " +
                $"{ApiFailures.Message(body, "503 Service Unavailable")}; check 'aimass cluster' and its log", e);
        }
    }

    private static async Task<string> ReadTextAsync(
        HttpResponseMessage response, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        return await response.Content.ReadAsStringAsync(deadline.Token);
    }

    private static string Escape(string jobId)
    {
        if (string.IsNullOrWhiteSpace(jobId))
        {
            throw new InvalidInputException("A job id is empty; 'aimass jobs' lists the jobs.");
        }

        return Uri.EscapeDataString(jobId.Trim());
    }
}

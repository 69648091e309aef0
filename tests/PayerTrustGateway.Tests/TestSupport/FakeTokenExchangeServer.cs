using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// A payer authorization server's token endpoint for RFC 8693 exchanges, on loopback: records each form it
/// receives and answers as the test says (JSON body and status), or hangs until the caller gives up.
/// </summary>
public sealed class FakeTokenExchangeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _received = new();
    private volatile Func<int, (int Status, string Body)?> _answer = _ => (200, "{}");

    private FakeTokenExchangeServer(WebApplication app, Uri tokenEndpoint)
    {
        _app = app;
        TokenEndpoint = tokenEndpoint;
    }

    public Uri TokenEndpoint { get; }

    /// <summary>Completed when a request arrives that the server will not answer.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Received => [.. _received];

    public static async Task<FakeTokenExchangeServer> StartAsync()
    {
        FakeTokenExchangeServer? self = null;
        var (app, address) = await LoopbackTestServer.StartAsync(app => app.MapPost("/token", async context =>
        {
            var form = await context.Request.ReadFormAsync();
            self!._received.Enqueue(form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal));
            var answer = self._answer(self._received.Count);
            if (answer is null)
            {
                self.Hanging.TrySetResult();
                try
                {
                    await new TaskCompletionSource().Task.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            }

            context.Response.StatusCode = answer.Value.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Value.Body);
        }));
        self = new FakeTokenExchangeServer(app, new Uri(address, "token"));
        return self;
    }

    /// <summary>Answers every call with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public void Answer(int status, string body) => _answer = _ => (status, body);

    /// <summary>Answers call n (1-based) as <paramref name="answer"/> says; null hangs.</summary>
    public void Answer(Func<int, (int Status, string Body)?> answer) => _answer = answer;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

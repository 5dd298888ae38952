using System.Security.Claims;
using Courier.Domain.Security;
using Courier.Domain.Starting;
using Courier.Functions.Auth;
using Courier.Functions.Starts;

namespace Courier.Functions.Http;

/// <summary>
/// The Butler-compatible start API: <c>POST|PUT /v4/reloadtask/{taskId}/start</c>, where <c>-</c> as
/// the id means the body alone selects, and <c>POST|PUT /v4/reloadtask/start</c>, the seed's webhook
/// form of the same thing. An optional <c>Idempotency-Key</c> header makes a repeat return the first
/// answer without starting anything again.
/// </summary>
public static class StartTaskEndpoints
{
    public const string Route = "/v4/reloadtask/{taskId}/start";
    public const string BodyOnlyRoute = "/v4/reloadtask/start";
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Start requests are small; a larger body is refused before it is read into memory.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static IEndpointRouteBuilder MapStartTasks(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Route, [HttpMethods.Post, HttpMethods.Put], StartAsync)
            .WithName("StartTasks")
            .WithSummary("Start tasks by id, tag or custom property (Courier's object form or Butler's array form).")
            .DescribeStart();
        app.MapMethods(BodyOnlyRoute, [HttpMethods.Post, HttpMethods.Put],
                (HttpContext http, StartRequestHandler handler, StartTables tables) => StartAsync(TaskIds.BodyOnly, http, handler, tables))
            .WithName("StartTasksFromBody")
            .WithSummary("Start the tasks the body selects, as /v4/reloadtask/-/start does (the seed's webhook form).")
            .DescribeStart();
        return app;
    }

    private static RouteHandlerBuilder DescribeStart(this RouteHandlerBuilder route) => route
        .WithTags("Start")
        .Produces<CourierStartResponse>(contentType: "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .RequireScope(ApiScope.Starter);

    private static async Task StartAsync(string taskId, HttpContext http, StartRequestHandler handler, StartTables tables)
    {
        var cancellationToken = http.RequestAborted;
        var keyId = http.User.FindFirstValue(ApiKeyDefaults.KeyIdClaim) ?? "unknown";
        var idempotencyKey = http.Request.Headers[IdempotencyHeader].ToString();
        var trigger = new StartTrigger("http", keyId, string.IsNullOrEmpty(idempotencyKey) ? Guid.NewGuid().ToString("N") : idempotencyKey);
        var from = http.Connection.RemoteIpAddress?.ToString();

        StartAnswer answer;
        if (!TryReadFlag(http.Request.Query["allTaskIdsMustExist"], out var allMustExist))
        {
            answer = StartRequestHandler.Problem(
                "Invalid query parameter", "allTaskIdsMustExist must be true or false.", "allTaskIdsMustExist");
        }
        else if (await ReadBodyAsync(http.Request, cancellationToken) is not { } body)
        {
            answer = StartRequestHandler.Problem(
                "Request body too large", $"A start request body may be at most {MaxBodyBytes} bytes.", "$",
                StatusCodes.Status413PayloadTooLarge);
        }
        else if (string.IsNullOrEmpty(idempotencyKey))
        {
            answer = await handler.HandleAsync(taskId, body, allMustExist, trigger, from, cancellationToken);
        }
        else
        {
            var store = await tables.IdempotencyAsync(cancellationToken);
            var stored = await store.RunOnceAsync(keyId, idempotencyKey, async () =>
            {
                var first = await handler.HandleAsync(taskId, body, allMustExist, trigger, from, cancellationToken);
                return new IdempotentAnswer(first.StatusCode, first.Json);
            }, cancellationToken);
            answer = new StartAnswer(stored.StatusCode, stored.Body,
                stored.StatusCode >= 400 ? "application/problem+json" : "application/json");
        }

        http.Response.StatusCode = answer.StatusCode;
        http.Response.ContentType = answer.ContentType;
        await http.Response.WriteAsync(answer.Json, cancellationToken);
    }

    private static bool TryReadFlag(string? text, out bool value)
    {
        value = false;
        return string.IsNullOrEmpty(text) || bool.TryParse(text, out value);
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

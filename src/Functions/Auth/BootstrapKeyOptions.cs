using System.ComponentModel.DataAnnotations;

namespace Courier.Functions.Auth;

/// <summary>
/// <c>Courier:BootstrapAdminKey</c>: an admin key from configuration, for local use and for creating
/// the first stored keys. Unset means only stored keys are accepted.
/// </summary>
public sealed class BootstrapKeyOptions
{
    public const string Section = "Courier";

    [MinLength(16, ErrorMessage = "Courier:BootstrapAdminKey must be at least 16 characters long.")]
    public string? BootstrapAdminKey { get; set; }
}

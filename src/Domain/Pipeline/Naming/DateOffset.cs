namespace Courier.Domain.Pipeline.Naming;

/// <summary>A calendar step such as <c>-1M</c> or <c>+2d</c>; months and years clamp to the month's last day.</summary>
internal readonly record struct DateOffset(int Amount, char Unit)
{
    public const string Units = "ywMdhm";

    public DateTime ApplyTo(DateTime value) => Unit switch
    {
        'y' => value.AddYears(Amount),
        'M' => value.AddMonths(Amount),
        'w' => value.AddDays(7 * Amount),
        'd' => value.AddDays(Amount),
        'h' => value.AddHours(Amount),
        _ => value.AddMinutes(Amount),
    };
}

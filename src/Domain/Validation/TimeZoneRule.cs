namespace Courier.Domain.Validation;

/// <summary>Time zones are IANA ids (e.g. <c>Europe/Paris</c>) that this machine's time-zone data knows.</summary>
public static class TimeZoneRule
{
    public static string? Check(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "is required (an IANA time zone such as Europe/Paris)";
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return null;
        }
        catch (TimeZoneNotFoundException)
        {
            return "is not a known IANA time zone";
        }
        catch (InvalidTimeZoneException)
        {
            return "is not a valid time zone";
        }
    }
}

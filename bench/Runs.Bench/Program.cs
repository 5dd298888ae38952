using Courier.Runs.Bench;

// Usage: Courier.Runs.Bench ticks [schedules]   |   Courier.Runs.Bench starts [seconds] [tasks] [--front-end] [--count-requests]
var mode = args.Length > 0 ? args[0] : "ticks";
switch (mode)
{
    case "ticks":
        ScheduleTicks.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
        break;
    case "starts":
        await StartApiLoad.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3000,
            args.Contains("--front-end"),
            args.Contains("--count-requests"));
        break;
    default:
        Console.Error.WriteLine("usage: Courier.Runs.Bench ticks [schedules] | starts [seconds] [tasks] [--front-end] [--count-requests]");
        return 2;
}
return 0;

using System.Reflection;
using Framework.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Framework.Tests.Diagnostics;

public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_has_an_event_id_of_its_own_within_the_documented_ranges()
    {
        var ids = typeof(Log).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 1000, 1199));
    }
}

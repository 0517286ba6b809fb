namespace Marketplace.Web.Jobs;

/// <summary>
/// The tables of Quartz.NET's persistent job store (AdoJobStore, Quartz 4.7.3), as DDL for the migration that creates
/// them on SQLite or PostgreSQL (ADR-019). Written once from Quartz's documented schema and frozen with that migration:
/// a later Quartz version that needs more columns gets a migration of its own, and Quartz validates the schema at start.
/// </summary>
public static class QuartzTables
{
    /// <summary>Quartz's default table prefix; names are unquoted, so PostgreSQL folds them to lower case as Quartz expects.</summary>
    public const string Prefix = "QRTZ_";

    private enum T { Name, Group, Text, Long, Int, Bool, Blob, Decimal }

    private sealed record Column(string Name, T Type, int Length = 0, bool Required = false, string? Default = null);

    private sealed record Table(string Name, Column[] Columns, string PrimaryKey, string? ForeignKey = null);

    private static Column Req(string name, T type, int length = 0) => new(name, type, length, Required: true);

    private static Column Opt(string name, T type, int length = 0) => new(name, type, length);

    private static Column Sched => Req("SCHED_NAME", T.Name, 120);

    private static Column[] TriggerKey => [Sched, Req("TRIGGER_NAME", T.Name, 150), Req("TRIGGER_GROUP", T.Name, 150)];

    private const string TriggerPk = "SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP";

    private static readonly string TriggerFk = $"FOREIGN KEY ({TriggerPk}) REFERENCES {Prefix}TRIGGERS ({TriggerPk}) ON DELETE CASCADE";

    private static readonly Table[] Tables =
    [
        new("JOB_DETAILS",
        [
            Sched, Req("JOB_NAME", T.Name, 150), Req("JOB_GROUP", T.Name, 150), Opt("DESCRIPTION", T.Text, 250),
            Req("JOB_CLASS_NAME", T.Text, 250), Req("IS_DURABLE", T.Bool), Req("IS_NONCONCURRENT", T.Bool), Req("IS_UPDATE_DATA", T.Bool),
            Req("REQUESTS_RECOVERY", T.Bool), Opt("JOB_DATA", T.Blob),
        ], "SCHED_NAME,JOB_NAME,JOB_GROUP"),
        new("TRIGGERS",
        [
            .. TriggerKey, Req("JOB_NAME", T.Name, 150), Req("JOB_GROUP", T.Name, 150), Opt("DESCRIPTION", T.Text, 250),
            Opt("NEXT_FIRE_TIME", T.Long), Opt("PREV_FIRE_TIME", T.Long), Opt("PRIORITY", T.Int), Req("TRIGGER_STATE", T.Text, 16),
            Req("TRIGGER_TYPE", T.Text, 8), Req("START_TIME", T.Long), Opt("END_TIME", T.Long), Opt("CALENDAR_NAME", T.Text, 200),
            Opt("MISFIRE_INSTR", T.Int), Opt("MISFIRE_ORIG_FIRE_TIME", T.Long), Opt("EXECUTION_GROUP", T.Text, 200),
            Opt("PREFERRED_NODE", T.Text, 200), new("PREFERRED_NODE_AUTO", T.Bool, Required: true, Default: "false"),
            Opt("RETRY_POLICY", T.Text, 250), Opt("RETRY_ATTEMPT", T.Int), Opt("CONTINUES_TRIGGER_NAME", T.Name, 150),
            Opt("CONTINUES_TRIGGER_GROUP", T.Name, 150), Opt("CONTINUATION_CONDITION", T.Int), Opt("OVERLAP_POLICY", T.Int),
            Opt("PAUSE_REASON", T.Text, 250), Opt("PAUSED_BY", T.Text, 200), Opt("PAUSED_AT", T.Long), Opt("MISFIRE_THRESHOLD", T.Long),
            Opt("FIXED_DELAY", T.Bool), Opt("JOB_DATA", T.Blob),
        ], TriggerPk, $"FOREIGN KEY (SCHED_NAME,JOB_NAME,JOB_GROUP) REFERENCES {Prefix}JOB_DETAILS (SCHED_NAME,JOB_NAME,JOB_GROUP)"),
        new("SIMPLE_TRIGGERS", [.. TriggerKey, Req("REPEAT_COUNT", T.Long), Req("REPEAT_INTERVAL", T.Long), Req("TIMES_TRIGGERED", T.Long)], TriggerPk, TriggerFk),
        new("CRON_TRIGGERS", [.. TriggerKey, Req("CRON_EXPRESSION", T.Text, 250), Opt("TIME_ZONE_ID", T.Text, 80)], TriggerPk, TriggerFk),
        new("SIMPROP_TRIGGERS",
        [
            .. TriggerKey, Opt("STR_PROP_1", T.Text, 512), Opt("STR_PROP_2", T.Text, 512), Opt("STR_PROP_3", T.Text, 512),
            Opt("INT_PROP_1", T.Int), Opt("INT_PROP_2", T.Int), Opt("LONG_PROP_1", T.Long), Opt("LONG_PROP_2", T.Long),
            Opt("DEC_PROP_1", T.Decimal), Opt("DEC_PROP_2", T.Decimal), Opt("BOOL_PROP_1", T.Bool), Opt("BOOL_PROP_2", T.Bool),
            Opt("TIME_ZONE_ID", T.Text, 80),
        ], TriggerPk, TriggerFk),
        new("BLOB_TRIGGERS", [.. TriggerKey, Opt("BLOB_DATA", T.Blob)], TriggerPk, TriggerFk),
        new("CALENDARS", [Sched, Req("CALENDAR_NAME", T.Text, 200), Req("CALENDAR", T.Blob)], "SCHED_NAME,CALENDAR_NAME"),
        new("PAUSED_TRIGGER_GRPS", [Sched, Req("TRIGGER_GROUP", T.Name, 150), .. Paused()], "SCHED_NAME,TRIGGER_GROUP"),
        new("PAUSED_JOB_GRPS", [Sched, Req("JOB_GROUP", T.Name, 150), .. Paused()], "SCHED_NAME,JOB_GROUP"),
        new("FIRED_TRIGGERS",
        [
            Sched, Req("ENTRY_ID", T.Text, 140), Req("TRIGGER_NAME", T.Name, 150), Req("TRIGGER_GROUP", T.Name, 150),
            Req("INSTANCE_NAME", T.Text, 200), Req("FIRED_TIME", T.Long), Req("SCHED_TIME", T.Long), Req("PRIORITY", T.Int),
            Req("STATE", T.Text, 16), Opt("JOB_NAME", T.Name, 150), Opt("JOB_GROUP", T.Name, 150), Req("IS_NONCONCURRENT", T.Bool),
            Opt("REQUESTS_RECOVERY", T.Bool), Opt("EXECUTION_GROUP", T.Text, 200), Opt("PROGRESS", T.Int),
            Opt("PROGRESS_MESSAGE", T.Text, 250), Opt("INTERRUPT_REQUESTED_TIME", T.Long),
        ], "SCHED_NAME,ENTRY_ID"),
        new("SCHEDULER_STATE",
        [
            Sched, Req("INSTANCE_NAME", T.Text, 200), Req("LAST_CHECKIN_TIME", T.Long), Req("CHECKIN_INTERVAL", T.Long),
            Opt("QUARTZ_VERSION", T.Text, 20),
        ], "SCHED_NAME,INSTANCE_NAME"),
        new("LOCKS", [Sched, Req("LOCK_NAME", T.Text, 40)], "SCHED_NAME,LOCK_NAME"),
        new("EXECUTION_HISTORY",
        [
            Sched, Req("ENTRY_ID", T.Text, 140), Req("INSTANCE_NAME", T.Text, 200), Req("JOB_NAME", T.Name, 150),
            Req("JOB_GROUP", T.Name, 150), Req("TRIGGER_NAME", T.Name, 150), Req("TRIGGER_GROUP", T.Name, 150),
            Req("FIRED_TIME", T.Long), Req("RUN_TIME", T.Long), Req("SUCCEEDED", T.Bool), Opt("ERROR_MESSAGE", T.Text),
            new("RETRY_ATTEMPT", T.Int, Required: true, Default: "0"), new("RETRY_SCHEDULED", T.Bool, Required: true, Default: "false"),
            Opt("EXECUTION_LOG", T.Text), Opt("RESULT", T.Int), Opt("SUMMARY", T.Text), Opt("METRICS", T.Text), Opt("MANUAL", T.Bool),
            Opt("FIRE_INSTANCE_ID", T.Text, 140), Opt("JOB_INPUT", T.Text), Opt("JOB_INPUT_TOO_LARGE", T.Bool),
        ], "SCHED_NAME,ENTRY_ID"),
        new("MISFIRE_HISTORY",
        [
            Sched, Req("ENTRY_ID", T.Text, 140), Req("INSTANCE_NAME", T.Text, 200), Req("TRIGGER_NAME", T.Name, 150),
            Req("TRIGGER_GROUP", T.Name, 150), Opt("JOB_NAME", T.Name, 150), Opt("JOB_GROUP", T.Name, 150), Req("MISFIRE_TIME", T.Long),
            Opt("SCHED_TIME", T.Long), Opt("REASON", T.Int),
        ], "SCHED_NAME,ENTRY_ID"),
        new("JOB_STATUS",
        [
            Sched, Req("JOB_GROUP", T.Name, 150), Req("JOB_NAME", T.Name, 150), Req("FIRST_FIRED_TIME", T.Long), Req("LAST_FIRED_TIME", T.Long),
            Req("LAST_RESULT", T.Int), Req("LAST_RUN_TIME", T.Long), Req("LAST_INSTANCE_NAME", T.Text, 200), Opt("LAST_ENTRY_ID", T.Text, 140),
            Opt("LAST_SUMMARY", T.Text), Opt("LAST_SUCCESS_TIME", T.Long), Opt("LAST_FAILURE_TIME", T.Long), Opt("LAST_FAILURE_MESSAGE", T.Text),
            new("CONSECUTIVE_FAILURES", T.Int, Required: true, Default: "0"), new("RUN_COUNT", T.Long, Required: true, Default: "0"),
            new("FAILURE_COUNT", T.Long, Required: true, Default: "0"),
        ], "SCHED_NAME,JOB_GROUP,JOB_NAME"),
    ];

    private static Column[] Paused() => [Opt("PAUSE_REASON", T.Text, 250), Opt("PAUSED_BY", T.Text, 200), Opt("PAUSED_AT", T.Long)];

    /// <summary>The lookups Quartz makes on every acquisition, recovery and history page.</summary>
    private static readonly (string Name, string Table, string Columns)[] Indexes =
    [
        ("J_G_N", "JOB_DETAILS", "SCHED_NAME,JOB_GROUP,JOB_NAME"),
        ("T_J", "TRIGGERS", "SCHED_NAME,JOB_NAME,JOB_GROUP"),
        ("T_G_N", "TRIGGERS", "SCHED_NAME,TRIGGER_GROUP,TRIGGER_NAME"),
        ("T_C", "TRIGGERS", "SCHED_NAME,CALENDAR_NAME"),
        ("T_NFT_ST", "TRIGGERS", "SCHED_NAME,TRIGGER_STATE,NEXT_FIRE_TIME,PRIORITY DESC,MISFIRE_INSTR"),
        ("FT_INST_JOB_REQ_RCVRY", "FIRED_TRIGGERS", "SCHED_NAME,INSTANCE_NAME,REQUESTS_RECOVERY"),
        ("FT_J_G", "FIRED_TRIGGERS", "SCHED_NAME,JOB_NAME,JOB_GROUP"),
        ("FT_T_G", "FIRED_TRIGGERS", "SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP"),
        ("EH_FIRED_TIME", "EXECUTION_HISTORY", "SCHED_NAME,FIRED_TIME"),
        ("EH_INST", "EXECUTION_HISTORY", "SCHED_NAME,INSTANCE_NAME"),
        ("EH_JOB_TIME", "EXECUTION_HISTORY", "SCHED_NAME,JOB_GROUP,JOB_NAME,FIRED_TIME"),
        ("EH_FIRE_INST", "EXECUTION_HISTORY", "SCHED_NAME,FIRE_INSTANCE_ID"),
        ("EH_TRIG_TIME", "EXECUTION_HISTORY", "SCHED_NAME,TRIGGER_GROUP,TRIGGER_NAME,FIRED_TIME"),
        ("MH_MISFIRE_TIME", "MISFIRE_HISTORY", "SCHED_NAME,MISFIRE_TIME"),
        ("MH_INST", "MISFIRE_HISTORY", "SCHED_NAME,INSTANCE_NAME"),
    ];

    /// <summary>Every CREATE statement, tables in dependency order, for SQLite or (<paramref name="postgreSql"/>) PostgreSQL.</summary>
    public static IEnumerable<string> Create(bool postgreSql)
    {
        foreach (var table in Tables)
        {
            var lines = table.Columns.Select(c => $"  {c.Name} {TypeOf(c, postgreSql)}{(c.Default is { } d ? " DEFAULT " + DefaultOf(c, d, postgreSql) : "")}{(c.Required ? " NOT NULL" : " NULL")}")
                .Append($"  PRIMARY KEY ({table.PrimaryKey})");
            if (table.ForeignKey is { } fk) lines = lines.Append("  " + fk);
            yield return $"CREATE TABLE {Prefix}{table.Name} (\n{string.Join(",\n", lines)}\n);";
        }
        foreach (var (name, table, columns) in Indexes)
            yield return $"CREATE INDEX IDX_{Prefix}{name} ON {Prefix}{table} ({columns});";
    }

    /// <summary>The DROP statements, dependants first.</summary>
    public static IEnumerable<string> Drop() => Tables.Reverse().Select(t => $"DROP TABLE IF EXISTS {Prefix}{t.Name};");

    private static string TypeOf(Column c, bool postgreSql) => (c.Type, postgreSql) switch
    {
        (T.Name or T.Text, true) => c.Length > 0 ? $"VARCHAR({c.Length})" : "TEXT",
        (T.Name or T.Text, false) => "TEXT",
        (T.Long, _) => "BIGINT",
        (T.Int, _) => "INTEGER",
        (T.Bool, true) => "BOOLEAN",
        (T.Bool, false) => "BIT",
        (T.Blob, true) => "BYTEA",
        (T.Blob, false) => "BLOB",
        (T.Decimal, _) => "NUMERIC",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static string DefaultOf(Column c, string value, bool postgreSql) =>
        c.Type == T.Bool && !postgreSql ? (value == "true" ? "1" : "0") : value;
}

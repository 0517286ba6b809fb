using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Data.Sqlite;
using Quartz;

namespace Marketplace.Web.Jobs;

/// <summary>
/// The one durable job system (ADR-019): Quartz.NET with its persistent store in the site's own database. On PostgreSQL
/// the nodes form a cluster (each firing runs on exactly one site process, a dead node's jobs are recovered); SQLite is one
/// process, so there the store is not clustered and Quartz serialises its own access in process.
/// </summary>
public static class JobsHostingExtensions
{
    public const string SchedulerName = "marketplace";

    /// <summary>Registered after the database (its migration creates Quartz's tables before the scheduler validates them).</summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                // Unique per process: a cluster tells its nodes apart by it.
                s.GenerateInstanceId = true;
            });
            q.AddJobListener<JobRunRecorder>();
            q.UsePersistentStore(store =>
            {
                if (database.IsPostgreSql)
                {
                    store.UsePostgres(database.EffectiveConnectionString);
                    store.UseClustering(c => c.CheckinInterval = jobs.CheckinInterval);
                }
                else
                {
                    store.UseSqlite(SqliteConnection(database));
                }
                // Job data is strings only (ids and scopes as JSON), so nothing depends on a serializer's binary format.
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o => o.SchemaProvisioning = SchemaProvisioning.Validate);
            });
        });
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = jobs.Execute;
        });
        builder.Services.AddSingleton<JobRunRecorder>();
        builder.Services.AddSingleton<JobProgress>();
        builder.Services.AddSingleton<JobRequests>();
        builder.Services.AddScoped<JobControl>();
        builder.Services.AddHostedService<JobStartup>();
        builder.Services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Jobs/Admin", StaffAccess.OperatorPolicy));
        return builder;
    }

    /// <summary>SQLite does not create the folder of its file; the marketplace database does that before Quartz opens it.</summary>
    private static string SqliteConnection(DatabaseOptions database)
    {
        var connection = new SqliteConnectionStringBuilder(database.EffectiveConnectionString);
        if (!string.IsNullOrEmpty(connection.DataSource) && connection.DataSource != ":memory:" && !connection.DataSource.StartsWith("file:", StringComparison.Ordinal))
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(connection.DataSource))!);
        return connection.ToString();
    }
}

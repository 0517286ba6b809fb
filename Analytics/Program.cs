using Analytics.Cli;

return await AnalyticsCommands.Build(Console.Out, Console.Error).Parse(args).InvokeAsync().ConfigureAwait(false);

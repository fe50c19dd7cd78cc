using Aird.Stream.Cli;

return await AirdCommandLine.RunAsync(args);

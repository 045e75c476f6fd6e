using ChatSphere.Bench.Cli;

return await BenchCommandLine.Build(args).Parse(args).InvokeAsync();

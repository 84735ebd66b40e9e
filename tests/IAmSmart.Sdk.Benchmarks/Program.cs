using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(IAmSmart.Sdk.Benchmarks.CallOverheadBenchmarks).Assembly).Run(args);

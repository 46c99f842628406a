using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Triage.Benchmarks.ParseBenchmarks).Assembly).Run(args);

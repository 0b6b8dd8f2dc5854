using AiMass.DataBench;

// parquet: convert a .npy to Parquet; read: time reading every partition of a dataset once (local or s3://).
return args.FirstOrDefault() switch
{
    "parquet" => ParquetCommand.Run(args[1..]),
    "read" => ReadCommand.Run(args[1..]),
    "whole" => Whole(args[1]),
    _ => Usage(),
};

static int Whole(string path)
{
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    var source = AiMass.Seed.Data.ParquetRowSource.Open(path);
    Console.WriteLine($"ParquetRowSource.Open: {source.Rows} rows in "
        + $"{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine(
        "usage: parquet --npy X.npy --output Y.parquet [--group-rows N]\n" +
        "       read --data LOCATION --partitions P [--s3-endpoint URL] [--repeat R]");
    return 2;
}

using AiMass.DataBench;

// parquet: convert a .npy to Parquet; read: time reading every partition of a dataset once (local or s3://).
return args.FirstOrDefault() switch
{
    "parquet" => ParquetCommand.Run(args[1..]),
    "read" => ReadCommand.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(
        "usage: parquet --npy X.npy --output Y.parquet [--group-rows N]\n" +
        "       read --data LOCATION --partitions P [--s3-endpoint URL] [--repeat R]");
    return 2;
}

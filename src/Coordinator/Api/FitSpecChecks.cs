using System.Text.Json;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Api;

/// <summary>
/// What the API checks in a submitted <see cref="FitSpec"/> before the job manager sees it: file paths are
/// absolute (a relative one would resolve against each node's own working folder) and hold no NUL byte; and the
/// message for JSON it cannot read, naming an unknown field.
/// </summary>
public static class FitSpecChecks
{
    /// <summary>The first problem with the spec's paths, or null.</summary>
    public static string? PathProblem(FitSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Check("data", spec.Data) ?? Check("sample_weight", spec.SampleWeight) ?? Check("lengths", spec.Lengths)
            ?? Check("labels", spec.Labels) ?? Check("output", spec.Output) ?? Check("output_dir", spec.OutputDir);
    }

    /// <summary>The 400 message for a body that <see cref="ApiJson.Strict"/> could not read.</summary>
    public static string JsonProblem(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // System.Text.Json names an unmapped member in its message only; its path ends at the field's parent.
        const string unmapped = "The JSON property '";
        if (e.Message.StartsWith(unmapped, StringComparison.Ordinal)
            && e.Message.IndexOf('\'', unmapped.Length) is var end and > 0
            && e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = e.Message[unmapped.Length..end];
            return $"the job has an unknown field {ApiErrors.Quote(name)}; the fields are {Fields()}";
        }

        return $"The job is not valid JSON: {e.Message}";
    }

    private static string Fields() => string.Join(", ",
        ApiJson.Strict.GetTypeInfo(typeof(FitSpec)).Properties.Select(p => p.Name));

    private static string? Check(string field, string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return $"the \"{field}\" path {ApiErrors.Quote(path)} contains a NUL byte; no file has such a name";
        }

        // A URL (a storage scheme such as s3://) is left to the reader that knows the scheme.
        if (path.Length == 0 || path.Contains("://", StringComparison.Ordinal) || Path.IsPathFullyQualified(path))
        {
            return null;
        }

        return $"the \"{field}\" path {ApiErrors.Quote(path)} must be absolute: every node opens it, each from its " +
            "own working folder; the aimass client makes paths absolute for you";
    }
}

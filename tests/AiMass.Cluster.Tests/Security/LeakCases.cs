using System.Text.Json.Nodes;

namespace AiMass.Cluster.Tests.Security;

/// <summary>
/// The files a leak test plants next to its data — files that hold the secrets, links into /proc, a line of
/// 100,000 characters — and the bad submissions that point at them, each with a fragment its error must hold.
/// </summary>
public sealed class LeakCases
{
    private readonly string _folder;

    /// <summary>Plants the files in <paramref name="folder"/> for a coordinator with process id
    /// <paramref name="coordinatorPid"/>.</summary>
    public LeakCases(string folder, string data, IReadOnlyDictionary<string, string> secrets, string coordinatorPid,
        string clusterEnv, string keyFile)
    {
        _folder = folder;
        var (token, password) = (secrets["api token"], secrets["tls password"]);
        Link("env.csv", "/proc/self/environ");
        Link("env.npy", "/proc/self/environ");
        Link("passwd.csv", "/etc/passwd");
        Write("pw.txt", password + "\n");
        Write("token.csv", $"1\n{token}\n");
        Write("split.csv", $"1,2\n{token[..20]},{token[20..]}\n");
        Write("settings.json", $"{{\"AiMass\":{{\"ApiToken\":\"{token}\",\"Tls\":{{\"Password\":\"{password}\"}}}}}}");
        Write("long.txt", new string('7', 100_000) + token + "\n");
        const string Kernel = "is a file of the kernel (/proc, /sys, /dev), not a data file";
        const string Withheld = "[a value withheld: it holds a secret of this node's settings]";
        Submissions =
        [
            ("lengths /proc/self/environ", Hmm(data, lengths: "/proc/self/environ"), Kernel),
            ($"lengths /proc/{coordinatorPid}/environ", Hmm(data, lengths: $"/proc/{coordinatorPid}/environ"), Kernel),
            ("lengths env.csv -> /proc/self/environ", Hmm(data, lengths: File("env.csv")), Kernel),
            ("lengths password file", Hmm(data, lengths: File("pw.txt")), Withheld),
            ("lengths settings.json with both secrets", Hmm(data, lengths: File("settings.json")), Withheld),
            ("lengths, token after 100,000 characters", Hmm(data, lengths: File("long.txt")), Withheld),
            ("lengths, the cluster's env file", Hmm(data, lengths: clusterEnv), "is not a positive integer"),
            ("lengths, the encrypted TLS key", Hmm(data, lengths: keyFile), "is not a positive integer"),
            ("weights /proc/self/environ", Gmm(data, weights: "/proc/self/environ"), Kernel),
            ("weights env.csv -> /proc/self/environ", Gmm(data, weights: File("env.csv")), Kernel),
            ("weights /dev/stdin", Gmm(data, weights: "/dev/stdin"), Kernel),
            ("weights passwd.csv -> /etc/passwd", Gmm(data, weights: File("passwd.csv")), null),
            ("weights with the token", Gmm(data, weights: File("token.csv")), Withheld),
            ("data with the token split by a comma", Gmm(File("split.csv")), Withheld),
            ("data env.npy -> /proc/self/environ", Gmm(File("env.npy")), Kernel),
            ("data /proc/self/environ", Gmm("/proc/self/environ"), Kernel),
            ("data /sys file", Gmm("/sys/devices/system/cpu/online"), null),
            ("init model not JSON", Gmm(data, init: "{not json"), "is not valid JSON"),
            ("init model kind of 5000 characters", Gmm(data, init: $"{{\"kind\":\"{new string('k', 5000)}\"}}"),
                "(5000 characters)"),
            ("init model with a huge array", Gmm(data, init: HugeWeights()), "characters)"),
            ("covariance type of 3000 characters", Gmm(data, covariance: new string('c', 3000)),
                "(3000 characters)"),
        ];
    }

    /// <summary>Each bad submission: a name, the API's JSON body, and a fragment its error must hold (null: any
    /// 400).</summary>
    public IReadOnlyList<(string Name, JsonObject Body, string? Expect)> Submissions { get; }

    /// <summary>A planted file's path.</summary>
    public string File(string name) => Path.Combine(_folder, name);

    private static JsonObject Hmm(string data, string lengths) =>
        new() { ["model"] = "hmm", ["data"] = data, ["lengths"] = lengths, ["components"] = 2, ["max_iter"] = 2 };

    private static JsonObject Gmm(
        string data, string? weights = null, string? init = null, string? covariance = null)
    {
        var body = new JsonObject { ["model"] = "gmm", ["data"] = data, ["components"] = 2, ["max_iter"] = 2 };
        if (weights is not null)
        {
            body["sample_weight"] = weights;
        }

        if (init is not null)
        {
            (body["init_model"], body["init_model_name"], body["components"]) = (init, "init.json", 0);
        }

        if (covariance is not null)
        {
            body["covariance_type"] = covariance;
        }

        return body;
    }

    /// <summary>A model whose arrays are one level too deep: the innermost, 20,000 numbers long, sits where a
    /// number belongs.</summary>
    private static string HugeWeights()
    {
        var numbers = "[" + string.Join(",", Enumerable.Repeat("1", 20_000)) + "]";
        return $"{{\"kind\":\"gmm\",\"covariance_type\":\"diag\",\"weights\":[{numbers}]," +
            $"\"means\":[[{numbers}]],\"covariances\":[[{numbers}]]}}";
    }

    private void Write(string name, string text) => System.IO.File.WriteAllText(File(name), text);

    private void Link(string name, string target) => System.IO.File.CreateSymbolicLink(File(name), target);
}

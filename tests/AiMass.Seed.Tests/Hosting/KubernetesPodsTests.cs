using AiMass.Seed.Hosting;

namespace AiMass.Seed.Tests.Hosting;

/// <summary>The Kubernetes API's pod list read into bootstrap contact points.</summary>
public sealed class KubernetesPodsTests
{
    private const string PodList = """
        {"kind":"PodList","items":[
          {"metadata":{"name":"a"},"status":{"phase":"Running","podIP":"10.1.0.5"},
           "spec":{"containers":[{"name":"x","ports":[{"name":"remoting","containerPort":4053},
                                                       {"name":"bootstrap","containerPort":8558}]}]}},
          {"metadata":{"name":"b","deletionTimestamp":"2026-01-01T00:00:00Z"},
           "status":{"phase":"Running","podIP":"10.1.0.6"},
           "spec":{"containers":[{"name":"x","ports":[{"name":"bootstrap","containerPort":8558}]}]}},
          {"metadata":{"name":"c"},"status":{"phase":"Pending"},
           "spec":{"containers":[{"name":"x","ports":[{"name":"bootstrap","containerPort":8558}]}]}},
          {"metadata":{"name":"d"},"status":{"phase":"Running","podIP":"10.1.0.8"},
           "spec":{"containers":[{"name":"db","ports":[{"name":"postgres","containerPort":5432}]}]}},
          {"metadata":{"name":"e"},"status":{"phase":"Running","podIP":"fd00::9"},
           "spec":{"containers":[{"name":"side"},{"name":"x","ports":[{"name":"bootstrap","containerPort":9000}]}]}}
        ]}
        """;

    [Fact]
    public void Running_pods_with_the_named_port_become_contact_points_by_ip()
    {
        var targets = KubernetesPods.Targets(PodList, "bootstrap");

        Assert.Equal(["10.1.0.5:8558", "fd00::9:9000"], targets.Select(t => $"{t.Host}:{t.Port}"));
        Assert.All(targets, t => Assert.NotNull(t.Address));
    }

    [Fact]
    public void Without_a_port_name_every_running_pod_counts_without_a_port()
    {
        var targets = KubernetesPods.Targets(PodList, null);

        Assert.Equal(["10.1.0.5", "10.1.0.8", "fd00::9"], targets.Select(t => t.Host));
        Assert.All(targets, t => Assert.Null(t.Port));
    }

    [Fact]
    public void An_empty_or_itemless_list_has_no_contact_points()
    {
        Assert.Empty(KubernetesPods.Targets("""{"kind":"PodList","items":[]}""", "bootstrap"));
        Assert.Empty(KubernetesPods.Targets("""{"kind":"Status"}""", "bootstrap"));
    }
}

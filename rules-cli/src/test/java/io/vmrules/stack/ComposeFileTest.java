package io.vmrules.stack;

import static io.vmrules.stack.StackFiles.list;
import static io.vmrules.stack.StackFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Static checks of compose/docker-compose.yml and the configs it mounts (design §7). */
class ComposeFileTest {
  private static final Path COMPOSE = StackFiles.compose();
  private static final Map<String, Object> FILE =
      StackFiles.yaml(COMPOSE.resolve("docker-compose.yml"));
  private static final Map<String, Object> SERVICES = map(FILE.get("services"));

  /** The cluster vmagents: service → (env, region, vminsert it writes to). */
  private static final Map<String, List<String>> CLUSTER_AGENTS =
      Map.of(
          "vmagent-ap-southeast-1-eks-01-dev", List.of("dev", "ap-southeast-1", "vminsert-1"),
          "vmagent-us-east-1-eks-01-prod", List.of("prod", "us-east-1", "vminsert-1"),
          "vmagent-us-east-1-eks-02-prod", List.of("prod", "us-east-1", "vminsert-2"),
          "vmagent-eu-west-1-eks-01-prod", List.of("prod", "eu-west-1", "vminsert-1"),
          "vmagent-ap-southeast-1-eks-01-prod", List.of("prod", "ap-southeast-1", "vminsert-2"));

  /** Design §7: service → the port it is published on. */
  private static final Map<String, Integer> DESIGN_PORTS =
      Map.ofEntries(
          Map.entry("mock-exporter", 2112),
          Map.entry("vmagent-ap-southeast-1-eks-01-dev", 8429),
          Map.entry("vmagent-us-east-1-eks-01-prod", 8430),
          Map.entry("vmagent-us-east-1-eks-02-prod", 8431),
          Map.entry("vmagent-eu-west-1-eks-01-prod", 8432),
          Map.entry("vmagent-ap-southeast-1-eks-01-prod", 8433),
          Map.entry("vmagent-receiver-scraper", 8434),
          Map.entry("vmagent-monitoring", 8435),
          Map.entry("prometheus-receiver", 9091),
          Map.entry("blackbox-exporter", 9115),
          Map.entry("vminsert-1", 8480),
          Map.entry("vminsert-2", 8490),
          Map.entry("vmstorage-1", 8482),
          Map.entry("vmstorage-2", 8492),
          Map.entry("vmselect-1", 8481),
          Map.entry("vmselect-2", 8491),
          Map.entry("grafana", 3001),
          Map.entry("alertmanager", 9093),
          Map.entry("rules-engine", 8880),
          // The second engine replica (cluster mode, issue 19): the next port, as in
          // `scripts/demo.sh --cluster N`.
          Map.entry("rules-engine-2", 8881));

  /** Services reached only on promnet, never published on the host. */
  private static final Set<String> UNPUBLISHED = Set.of("postgres");

  /** Mount sources produced by a generator rather than committed by this module. */
  private static final Set<String> GENERATED = Set.of("../provisioning");

  private static final Pattern PINNED = Pattern.compile("[^:@]+:v?\\d+(\\.\\d+)+[\\w.-]*");
  private static final Pattern REGIONS = Pattern.compile("(us-east-1|eu-west-1|ap-southeast-1)");

  @Test
  void hasExactlyTheServicesOfTheDesign() {
    Set<String> expected = new TreeSet<>(DESIGN_PORTS.keySet());
    expected.addAll(UNPUBLISHED);
    assertThat(SERVICES.keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void publishesEveryServiceOnItsDesignPortAndNoHostPortTwice() {
    Map<Integer, String> seen = new HashMap<>();
    SERVICES.forEach(
        (name, svc) -> {
          List<Object> ports = list(map(svc).get("ports"));
          assertThat(ports).as(name + " ports").hasSize(UNPUBLISHED.contains(name) ? 0 : 1);
          for (Object p : ports) {
            int host = Integer.parseInt(String.valueOf(p).split(":")[0]);
            String other = seen.put(host, name);
            assertThat(other)
                .as("host port %d of %s is also used by %s", host, name, other)
                .isNull();
            assertThat(host).as(name + " host port").isEqualTo(DESIGN_PORTS.get(name));
          }
        });
  }

  @Test
  void pinsEveryImageTag() {
    SERVICES.forEach(
        (name, svc) -> {
          Object image = map(svc).get("image");
          assertThat(image).as(name + " has an image").isNotNull();
          assertThat(String.valueOf(image))
              .as(name + " image tag is pinned to a version")
              .matches(PINNED)
              .doesNotContain(":latest");
        });
  }

  @Test
  void everyServiceIsOnPromnetWithAHealthcheck() {
    assertThat(map(map(FILE.get("networks")).get("promnet"))).containsEntry("name", "promnet");
    SERVICES.forEach(
        (name, svc) -> {
          assertThat(list(map(svc).get("networks")))
              .as(name + " networks")
              .containsExactly("promnet");
          assertThat(list(map(map(svc).get("healthcheck")).get("test")))
              .as(name + " healthcheck")
              .isNotEmpty();
        });
  }

  @Test
  void dependenciesWaitForHealthyServicesThatExist() {
    SERVICES.forEach(
        (name, svc) ->
            map(map(svc).get("depends_on"))
                .forEach(
                    (dep, cond) -> {
                      assertThat(SERVICES).as(name + " depends on a service").containsKey(dep);
                      assertThat(map(cond))
                          .as(name + " → " + dep)
                          .containsEntry("condition", "service_healthy");
                    }));
  }

  @Test
  void everyMountedPathAndBuildContextExists() {
    List<String> missing = new ArrayList<>();
    SERVICES.forEach(
        (name, svc) -> {
          for (Object v : list(map(svc).get("volumes"))) {
            String source = String.valueOf(v).split(":")[0];
            if ((source.startsWith(".") || source.startsWith("/"))
                && !GENERATED.contains(source)
                && !Files.exists(COMPOSE.resolve(source))) {
              missing.add(name + ": " + source);
            }
          }
          Object build = map(svc).get("build");
          if (build instanceof String context) {
            if (!Files.isRegularFile(COMPOSE.resolve(context).resolve("Dockerfile"))) {
              missing.add(name + ": " + context + "/Dockerfile");
            }
          } else if (build != null) {
            Path context = COMPOSE.resolve(String.valueOf(map(build).get("context")));
            if (!Files.isRegularFile(
                context.resolve(String.valueOf(map(build).get("dockerfile"))))) {
              missing.add(name + ": " + map(build));
            }
          }
        });
    assertThat(missing).as("mounted paths that do not exist").isEmpty();
  }

  @Test
  void engineImageBuildsEveryMavenModule() throws IOException {
    // The multi-stage build copies module by module; a module the parent lists but the image lacks
    // fails the build only on a machine with Docker, so check it here.
    String parent = Files.readString(StackFiles.root().resolve("pom.xml"));
    String dockerfile =
        Files.readString(StackFiles.root().resolve("compose/rules-engine/Dockerfile"));
    java.util.regex.Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules).isNotEmpty();
    for (String module : modules) {
      assertThat(dockerfile)
          .as("Dockerfile copies " + module + "/pom.xml")
          .contains("COPY " + module + "/pom.xml ");
    }
  }

  @Test
  void grafanaHomeDashboardIsGenerated() {
    // provisioning/ is generated and committed by the dashboards module (`make dashboards`).
    Map<?, ?> env = map(map(SERVICES.get("grafana")).get("environment"));
    String home = String.valueOf(env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
    String mount = "/etc/grafana/provisioning/";
    assertThat(home).startsWith(mount);
    assertThat(StackFiles.root().resolve("provisioning").resolve(home.substring(mount.length())))
        .as("Grafana's home dashboard is in provisioning/")
        .isRegularFile();
    assertThat(StackFiles.root().resolve("provisioning/datasources/datasources.yaml"))
        .isRegularFile();
  }

  @Test
  void configFlagsPointAtMountedFiles() {
    SERVICES.forEach(
        (name, svc) -> {
          Set<String> targets = new TreeSet<>();
          for (Object v : list(map(svc).get("volumes"))) {
            String[] parts = String.valueOf(v).split(":");
            targets.add(parts[1]);
          }
          for (Object arg : list(map(svc).get("command"))) {
            String a = String.valueOf(arg);
            if (a.matches("-{1,2}(config\\.file|promscrape\\.config)=.*")) {
              String path = a.substring(a.indexOf('=') + 1);
              assertThat(targets).as(name + ": " + a + " is mounted").contains(path);
            }
          }
        });
  }

  @Test
  void clusterAgentsCarryTheFourLabelsAndWriteToTheirVminsert() {
    Map<String, Integer> perInsert = new TreeMap<>();
    CLUSTER_AGENTS.forEach(
        (service, expected) -> {
          String env = expected.get(0);
          String region = expected.get(1);
          Map<String, Object> labels = externalLabels(service);
          assertThat(labels)
              .containsEntry("env", env)
              .containsEntry("region", region)
              .containsEntry("storage_region", "us-east-1");
          String cluster = String.valueOf(labels.get("cluster"));
          assertThat(cluster).matches(Pattern.quote(region) + "-eks-\\d{2}-" + Pattern.quote(env));
          assertThat(service).isEqualTo("vmagent-" + cluster);
          String write = flag(service, "-remoteWrite.url");
          assertThat(write)
              .isEqualTo("http://" + expected.get(2) + ":8480/insert/0/prometheus/api/v1/write");
          perInsert.merge(expected.get(2), 1, Integer::sum);
        });
    assertThat(perInsert).containsEntry("vminsert-1", 3).containsEntry("vminsert-2", 2);
  }

  @Test
  void legacyAndMonitoringAgentsFollowTheNamingScheme() {
    assertThat(externalLabels("vmagent-receiver-scraper"))
        .containsEntry("env", "prod")
        .containsEntry("region", "us-east-1")
        .containsEntry("cluster", "us-east-1-eks-01-prod-legacy")
        .containsEntry("storage_region", "us-east-1");
    Map<String, Object> monitoring = externalLabels("vmagent-monitoring");
    assertThat(monitoring)
        .containsEntry("env", "monitoring")
        .containsEntry("storage_region", "us-east-1");
    assertThat(String.valueOf(monitoring.get("cluster")))
        .matches(monitoring.get("region") + "-eks-\\d{2}-monitoring");
    // The local runner's monitoring config is a variant of the compose one: same labels.
    Map<String, Object> local =
        map(
            map(StackFiles.yaml(COMPOSE.resolve("local/vmagent-monitoring.yml")).get("global"))
                .get("external_labels"));
    assertThat(local).isEqualTo(monitoring);
  }

  @Test
  void clusterAgentsProbeEveryOtherRegionAndOnlyThose() {
    Set<String> regions = new TreeSet<>();
    CLUSTER_AGENTS.values().forEach(v -> regions.add(v.get(1)));
    CLUSTER_AGENTS.forEach(
        (service, expected) -> {
          String own = expected.get(1);
          Set<String> probed = new TreeSet<>();
          for (Object sc : list(job(service, "blackbox-cross-region").get("static_configs"))) {
            Map<String, Object> labels = map(map(sc).get("labels"));
            assertThat(labels).as(service).containsEntry("source_region", own);
            String target = String.valueOf(labels.get("target_region"));
            probed.add(target);
            for (Object t : list(map(sc).get("targets"))) {
              // Every target is a vmagent of the target region.
              assertThat(String.valueOf(t)).as(service).contains("vmagent-" + target + "-eks-");
            }
          }
          Set<String> others = new TreeSet<>(regions);
          others.remove(own);
          assertThat(probed).as(service + " probes the other regions").isEqualTo(others);
        });
  }

  @Test
  void everyScrapeTargetIsAServiceOfTheStack() {
    Pattern hostPort = Pattern.compile("(?:https?://)?([a-z0-9-]+):(\\d+)(?:/.*)?");
    List<Path> configs = new ArrayList<>();
    SERVICES.keySet().stream()
        .filter(s -> s.startsWith("vmagent-"))
        .forEach(s -> configs.add(scrapeConfig(s)));
    configs.add(COMPOSE.resolve("prometheus/prometheus.yml"));
    for (Path config : configs) {
      for (Object job : list(StackFiles.yaml(config).get("scrape_configs"))) {
        List<String> targets = new ArrayList<>();
        for (Object sc : list(map(job).get("static_configs"))) {
          list(map(sc).get("targets")).forEach(t -> targets.add(String.valueOf(t)));
        }
        for (Object rc : list(map(job).get("relabel_configs"))) {
          if ("__address__".equals(map(rc).get("target_label"))) {
            targets.add(String.valueOf(map(rc).get("replacement")));
          }
        }
        for (String t : targets) {
          var m = hostPort.matcher(t);
          assertThat(m.matches()).as(config.getFileName() + ": " + t).isTrue();
          assertThat(SERVICES).as(config.getFileName() + ": target " + t).containsKey(m.group(1));
        }
      }
    }
  }

  @Test
  void grafanaMountsProvisioningAndMarksAnonymousAccessAsDemo() throws Exception {
    Map<String, Object> grafana = map(SERVICES.get("grafana"));
    assertThat(list(grafana.get("volumes")))
        .contains("../provisioning:/etc/grafana/provisioning:ro");
    assertThat(map(grafana.get("environment")))
        .containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
    String text = Files.readString(COMPOSE.resolve("docker-compose.yml"));
    assertThat(text).contains("DEMO SETTING");
  }

  @Test
  void clusterComponentsReplicateAndDeduplicate() {
    for (String s : List.of("vminsert-1", "vminsert-2")) {
      assertThat(flag(s, "-storageNode")).isEqualTo("vmstorage-1:8400,vmstorage-2:8400");
      assertThat(flag(s, "-replicationFactor")).isEqualTo("2");
    }
    for (String s : List.of("vmselect-1", "vmselect-2")) {
      assertThat(flag(s, "-storageNode")).isEqualTo("vmstorage-1:8401,vmstorage-2:8401");
      assertThat(flag(s, "-dedup.minScrapeInterval")).isNotEmpty();
    }
    for (String s : List.of("vmstorage-1", "vmstorage-2")) {
      assertThat(flag(s, "-retentionPeriod")).isEqualTo("1y");
      assertThat(list(map(SERVICES.get(s)).get("volumes")))
          .anySatisfy(v -> assertThat(v).asString().startsWith(s + ":"));
    }
    assertThat(list(map(SERVICES.get("prometheus-receiver")).get("command")))
        .contains("--web.enable-remote-write-receiver", "--storage.tsdb.retention.time=1h");
  }

  @Test
  void enginesShareOneStoreWithTheirOwnInstanceIdsAndNoPasswordOnTheCommandLine() {
    List<String> engines = List.of("rules-engine", "rules-engine-2");
    Set<String> ids = new TreeSet<>();
    for (String e : engines) {
      assertThat(flag(e, "--cluster.db.url")).isEqualTo("jdbc:postgresql://postgres:5432/vmrules");
      assertThat(flag(e, "--cluster.db.username")).isEqualTo("vmrules");
      assertThat(flag(e, "--cluster.db.passwordFile")).isEqualTo("/run/secrets/postgres-password");
      assertThat(flag(e, "--rule")).isEqualTo("/etc/rules/*.yml");
      assertThat(list(map(SERVICES.get(e)).get("command")))
          .noneSatisfy(a -> assertThat(a).asString().startsWith("--cluster.db.password="));
      assertThat(list(map(SERVICES.get(e)).get("secrets"))).contains("postgres-password");
      assertThat(map(map(SERVICES.get(e)).get("depends_on"))).containsKey("postgres");
      ids.add(flag(e, "--cluster.instanceId"));
      String port = String.valueOf(list(map(SERVICES.get(e)).get("ports")).get(0)).split(":")[0];
      assertThat(flag(e, "--external.url")).isEqualTo("http://localhost:" + port);
    }
    assertThat(ids).as("instance ids").hasSize(engines.size());
    Map<String, Object> postgres = map(SERVICES.get("postgres"));
    assertThat(map(postgres.get("environment")))
        .containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/postgres-password")
        .doesNotContainKey("POSTGRES_PASSWORD");
    assertThat(list(postgres.get("volumes")))
        .anySatisfy(v -> assertThat(v).asString().startsWith("postgres:/var/lib/postgresql/data"));
    Object secretFile = map(map(map(FILE.get("secrets")).get("postgres-password"))).get("file");
    assertThat(COMPOSE.resolve(String.valueOf(secretFile))).isRegularFile();
  }

  @Test
  void dockerComposeAcceptsTheFile() throws Exception {
    // docker-compose validates without an engine; missing, it skips here and fails under CI=true.
    ExternalTool.Result r =
        ExternalTool.require("docker-compose")
            .run("-f", COMPOSE.resolve("docker-compose.yml").toString(), "config", "-q");
    assertThat(r.exitCode()).as("docker-compose config: " + r.output()).isZero();
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String flag(String service, String name) {
    for (Object arg : list(map(SERVICES.get(service)).get("command"))) {
      String a = String.valueOf(arg);
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    throw new AssertionError(service + " has no " + name);
  }

  private static Path scrapeConfig(String service) {
    for (Object v : list(map(SERVICES.get(service)).get("volumes"))) {
      String[] parts = String.valueOf(v).split(":");
      if (parts[1].equals("/etc/vmagent/scrape.yml")) {
        return COMPOSE.resolve(parts[0]).normalize();
      }
    }
    throw new AssertionError(service + " mounts no /etc/vmagent/scrape.yml");
  }

  private static Map<String, Object> externalLabels(String service) {
    Map<String, Object> labels =
        new LinkedHashMap<>(
            map(map(StackFiles.yaml(scrapeConfig(service)).get("global")).get("external_labels")));
    assertThat(labels.keySet())
        .as(service + " labels")
        .containsExactlyInAnyOrder("env", "region", "cluster", "storage_region");
    assertThat(String.valueOf(labels.get("region"))).matches(REGIONS);
    return labels;
  }

  private static Map<String, Object> job(String service, String name) {
    for (Object job : list(StackFiles.yaml(scrapeConfig(service)).get("scrape_configs"))) {
      if (name.equals(map(job).get("job_name"))) {
        return map(job);
      }
    }
    throw new AssertionError(service + " has no job " + name);
  }
}

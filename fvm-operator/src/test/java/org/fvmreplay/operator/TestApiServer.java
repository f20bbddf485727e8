package org.fvmreplay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real kube-apiserver with etcd for the whole test JVM, from the binaries that install-test-api-server.sh builds
 * (started by fabric8's kube-api-test, offline), with the CRDs generated from our classes installed.
 *
 * <p>Without the binaries the tests that need the server are skipped, unless FVM_REPLAY_REQUIRE_API_SERVER=1 (set by
 * .ci/run), which makes them fail instead.
 */
public final class TestApiServer {
    /** The kube-apiserver version install-test-api-server.sh builds. */
    public static final String VERSION = "1.36.3";

    private static final String REQUIRE = "FVM_REPLAY_REQUIRE_API_SERVER";
    private static KubeAPIServer server;
    private static KubernetesClient client;

    private TestApiServer() {}

    /** The client of the shared server, starting it on first use; skips the calling test when it cannot start. */
    public static synchronized KubernetesClient client() {
        if (client != null) {
            return client;
        }
        Path dir = binariesRoot();
        Path binaries = binaries();
        boolean present = Files.isExecutable(binaries.resolve("kube-apiserver"))
                && Files.isExecutable(binaries.resolve("etcd"))
                && Files.isExecutable(binaries.resolve("kubectl"));
        String missing = "no kube-apiserver, etcd and kubectl in " + binaries
                + ": run fvm-operator/install-test-api-server.sh (about 5 minutes the first time)";
        if ("1".equals(System.getenv(REQUIRE))) {
            assertThat(present).as(missing).isTrue();
        } else {
            assumeTrue(present, missing);
        }
        server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(dir.toString())
                .withApiServerVersion(VERSION)
                .withOfflineMode(true)
                .withStartupTimeout(120_000)
                .build());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "kube-apiserver-stop"));
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
                .build();
        installCrds(client);
        return client;
    }

    /** The kubeconfig of the shared server, for a process such as kubectl or helm. */
    public static synchronized String kubeConfigYaml() {
        client();
        return server.getKubeConfigYaml();
    }

    /** The folder holding {@code k8s/<version>-linux-<arch>/}. */
    public static Path binariesRoot() {
        String env = System.getenv("KUBE_API_TEST_DIR");
        return env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
    }

    /** The folder of the installed kube-apiserver, etcd, kubectl and helm. */
    public static Path binaries() {
        return binariesRoot().resolve("k8s").resolve(VERSION + "-linux-" + arch());
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    }

    // the CRDs the build generated from the classes: ReplayRun, and our FlinkDeployment in place of Flink's
    private static void installCrds(KubernetesClient client) {
        for (String file : List.of("replayruns.fvmreplay.org-v1.yml", "flinkdeployments.flink.apache.org-v1.yml")) {
            try (InputStream in = TestApiServer.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
                assertThat(in).as("generated CRD " + file).isNotNull();
                CustomResourceDefinition crd =
                        client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                client.resource(crd).serverSideApply();
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .waitUntilCondition(
                                c -> c != null
                                        && c.getStatus() != null
                                        && c.getStatus().getConditions() != null
                                        && c.getStatus().getConditions().stream()
                                                .anyMatch(x -> "Established".equals(x.getType())
                                                        && "True".equals(x.getStatus())),
                                60,
                                TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}

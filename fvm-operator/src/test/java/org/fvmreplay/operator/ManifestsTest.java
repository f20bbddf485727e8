package org.fvmreplay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.operator.run.ReplayRun;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart, rendered by {@code helm template}, and the example run are accepted by the real API server
 * (server-side dry run: validated and admitted, not stored).
 */
class ManifestsTest {
    @Test
    void theRenderedChartIsAcceptedByTheApiServer() throws Exception {
        KubernetesClient client = TestApiServer.client();
        ensureNamespace(client, "fvm-operator");
        for (List<String> values : List.of(
                List.<String>of(),
                List.of("--set", "watchNamespaces={runs-a,runs-b}", "--set", "data.claimName=fvm-replay-data"))) {
            if (values.size() > 0) {
                ensureNamespace(client, "runs-a");
                ensureNamespace(client, "runs-b");
            }
            String rendered = Helm.template(values);
            List<HasMetadata> objects = client.load(stream(rendered)).items();
            List<String> kinds = new ArrayList<>();
            for (HasMetadata object : objects) {
                HasMetadata accepted = client.resource(object).dryRun().create();
                kinds.add(accepted.getKind() + "/" + accepted.getMetadata().getName()
                        + (accepted.getMetadata().getNamespace() == null
                                ? ""
                                : "@" + accepted.getMetadata().getNamespace()));
            }
            if (values.isEmpty()) {
                assertThat(kinds)
                        .containsExactlyInAnyOrder(
                                "ServiceAccount/fvm-operator@fvm-operator",
                                "ClusterRole/fvm-fvm-operator",
                                "ClusterRoleBinding/fvm-fvm-operator",
                                "Deployment/fvm-fvm-operator@fvm-operator");
            } else {
                assertThat(kinds)
                        .containsExactlyInAnyOrder(
                                "ServiceAccount/fvm-operator@fvm-operator",
                                "Role/fvm-fvm-operator@runs-a",
                                "RoleBinding/fvm-fvm-operator@runs-a",
                                "Role/fvm-fvm-operator@runs-b",
                                "RoleBinding/fvm-fvm-operator@runs-b",
                                "Deployment/fvm-fvm-operator@fvm-operator");
                assertThat(rendered).contains("--namespace=runs-a,runs-b", "claimName: fvm-replay-data");
            }
        }
    }

    @Test
    void theExampleRunIsAcceptedByTheApiServer() throws Exception {
        KubernetesClient client = TestApiServer.client();
        ensureNamespace(client, "examples");
        Path example = CrdDriftTest.CHART.resolve("../../examples/replayrun-devnet-a.yaml");
        ReplayRun run;
        try (InputStream in = Files.newInputStream(example)) {
            run = client.getKubernetesSerialization().unmarshal(in, ReplayRun.class);
        }
        run.getMetadata().setNamespace("examples");
        ReplayRun accepted = client.resource(run).dryRun().create();
        assertThat(accepted.getSpec().getFromEpoch()).isEqualTo(300L);
        assertThat(accepted.getSpec().getFlinkVersion()).isEqualTo("v2_0"); // defaulted by the CRD
        assertThat(client.resources(ReplayRun.class)
                        .inNamespace("examples")
                        .list()
                        .getItems())
                .isEmpty();
    }

    static void ensureNamespace(KubernetesClient client, String name) {
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .serverSideApply();
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}

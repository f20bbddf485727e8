package org.fvmreplay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD committed in the Helm chart is the one the build generates from the Java classes. */
class CrdDriftTest {
    static final Path CHART = Path.of("..", "k8s", "helm", "fvm-operator");
    private static final String CRD = "replayruns.fvmreplay.org-v1.yml";

    @Test
    void theChartsCrdIsTheGeneratedOne() throws Exception {
        String generated;
        try (InputStream in = CrdDriftTest.class.getResourceAsStream("/META-INF/fabric8/" + CRD)) {
            assertThat(in).as("the crd-generator's output").isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path committed = CHART.resolve("crds").resolve(CRD);
        assertThat(Files.readString(committed))
                .as(committed + " differs from the CRD generated from the classes: copy "
                        + "fvm-operator/target/classes/META-INF/fabric8/" + CRD + " there")
                .isEqualTo(generated);
    }
}

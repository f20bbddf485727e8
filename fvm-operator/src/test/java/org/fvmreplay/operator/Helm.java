package org.fvmreplay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code helm template} of our chart, with the helm that install-test-api-server.sh builds. */
final class Helm {
    private Helm() {}

    /** The chart rendered as release {@code fvm} in namespace {@code fvm-operator}, with {@code options} added. */
    static String template(List<String> options) throws IOException, InterruptedException {
        Path helm = TestApiServer.binaries().resolve("helm");
        assertThat(helm)
                .as("helm, built by fvm-operator/install-test-api-server.sh")
                .isExecutable();
        List<String> command = new ArrayList<>(List.of(
                helm.toString(), "template", "fvm", CrdDriftTest.CHART.toString(), "--namespace", "fvm-operator"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("helm template: " + out).isZero();
        return out;
    }
}

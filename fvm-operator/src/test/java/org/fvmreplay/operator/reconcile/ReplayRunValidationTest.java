package org.fvmreplay.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import java.util.List;
import org.fvmreplay.operator.run.PriceChange;
import org.fvmreplay.operator.run.ReplayRunSpec;
import org.fvmreplay.operator.run.ReplayTable;
import org.junit.jupiter.api.Test;

class ReplayRunValidationTest {
    private static ReplayRunSpec valid() {
        ReplayRunSpec spec = new ReplayRunSpec();
        spec.setStore("/data/stores/devnet-a");
        spec.setOutput("/data/out/devnet-a");
        spec.setImage("fvm-replay-flink:0.1.0");
        return spec;
    }

    @Test
    void aMinimalSpecIsValid() {
        assertThat(ReplayRunValidation.problems(valid())).isEmpty();
    }

    @Test
    void everyProblemIsNamed() {
        ReplayRunSpec spec = valid();
        spec.setStore("stores/devnet-a");
        spec.setOutput(null);
        spec.setImage(" ");
        spec.setFromEpoch(400L);
        spec.setToEpoch(300L);
        spec.setChunkEpochs(0);
        spec.setTables(List.of(ReplayTable.CALLS, ReplayTable.CALLS));
        PriceChange prices = new PriceChange();
        prices.setPriceNv(16);
        prices.setPriceList(new ConfigMapKeySelector("", "prices", null));
        spec.setRepricing(prices);
        assertThat(ReplayRunValidation.problems(spec))
                .containsExactly(
                        "store 'stores/devnet-a' is not an absolute path",
                        "output is required: an absolute path in the Flink pods",
                        "image is required: the replay-job image (k8s/replay-job.Dockerfile)",
                        "fromEpoch 400 is after toEpoch 300: the range is empty",
                        "chunkEpochs 0 is below 1",
                        "tables names calls twice",
                        "repricing.priceNv 16 is not a network version from 17 to 29",
                        "repricing.priceList needs the name of a ConfigMap and a key in it");
    }

    @Test
    void repricingNeedsPrices() {
        ReplayRunSpec spec = valid();
        spec.setRepricing(new PriceChange());
        assertThat(ReplayRunValidation.problems(spec)).containsExactly("repricing needs priceNv, priceList or both");
    }
}

package org.fvmreplay.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DesiredFlinkDeploymentTest {
    @Test
    void aShortRunNameIsTheDeploymentsName() {
        assertThat(DesiredFlinkDeployment.name("devnet-a-300-349")).isEqualTo("devnet-a-300-349");
    }

    @Test
    void aLongRunNameIsCutAndHashedIntoADnsLabel() {
        String long1 = "mainnet-repricing-study-block-open-raised-epochs-3000000-3100000";
        String long2 = "mainnet-repricing-study-block-open-raised-epochs-3000000-3100001";
        String name1 = DesiredFlinkDeployment.name(long1);
        assertThat(name1).hasSizeLessThanOrEqualTo(DesiredFlinkDeployment.MAX_NAME_LENGTH);
        assertThat(name1).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(name1).startsWith("mainnet-repricing-study-block-open-r-");
        assertThat(DesiredFlinkDeployment.name(long2)).isNotEqualTo(name1);
        assertThat(DesiredFlinkDeployment.name(long1)).isEqualTo(name1);
    }
}

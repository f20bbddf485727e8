package org.fvmreplay.job.rows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableRowsMethodNameTest {
    @Test
    void namesByReceiverTypeAndNetworkVersion() {
        // network version 28 runs actors v18, 21 actors v12
        assertThat(TableRows.methodName("storageminer", 34, 28)).isEqualTo("ProveCommitSectors3");
        assertThat(TableRows.methodName("storageminer", 34, 21)).isNull();
        assertThat(TableRows.methodName("evm", 3844450837L, 24)).isEqualTo("InvokeContract");
        assertThat(TableRows.methodName("account", 3844450837L, 24)).isNull();
        assertThat(TableRows.methodName("storagemarket", 6, 19)).isEqualTo("ActivateDeals");
        assertThat(TableRows.methodName("storagemarket", 6, 21)).isEqualTo("BatchActivateDeals");
    }

    @Test
    void unknownReceiverTypeStillNamesSendAndConstructor() {
        assertThat(TableRows.methodName(null, 0, 25)).isEqualTo("Send");
        assertThat(TableRows.methodName(null, 1, 25)).isEqualTo("Constructor");
        assertThat(TableRows.methodName(null, 2, 25)).isNull();
        assertThat(TableRows.methodName("placeholder", 1, 25)).isNull();
    }

    @Test
    void networkVersionsOutsideTheTable() {
        // newer than the table: the newest names; older than the FVM: none but Send
        assertThat(TableRows.methodName("eam", 4, 40)).isEqualTo("CreateExternal");
        assertThat(TableRows.methodName("storageminer", 4, 15)).isNull();
        assertThat(TableRows.methodName("storageminer", 0, 15)).isEqualTo("Send");
    }
}

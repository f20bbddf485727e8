package org.fvmreplay.analytics.rows;

import static java.util.Objects.requireNonNull;

/**
 * One gas charge of a message, in the order the VM made them (table {@code gas_charges}).
 *
 * @param callIndex the call that was running when it was charged; null for charges outside any call (message inclusion)
 * @param name the charge name as the FVM's gas tracer prints it ({@code OnChainMessage}, {@code wasm_exec}, ...)
 * @param storageMilligas the FVM's "other" gas (storage and everything not compute)
 */
public record GasChargeRow(
        long executionEpoch,
        String messageCid,
        int chargeIndex,
        Integer callIndex,
        String name,
        long computeMilligas,
        long storageMilligas,
        long totalMilligas,
        long elapsedNs) {
    public GasChargeRow {
        requireNonNull(messageCid, "messageCid is null");
        requireNonNull(name, "name is null");
        Copies.nonNegative(chargeIndex, "chargeIndex");
        if (callIndex != null) {
            Copies.nonNegative(callIndex, "callIndex");
        }
    }
}

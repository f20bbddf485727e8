package org.fvmreplay.fvm.wasm.instrument;

/**
 * Which fvm-wasm-instrument release to reproduce. 0.4 (wasmparser/wasm-encoder based) is used by FVM v3/v4 from network
 * version 18; 0.2 (parity-wasm based, feature "bulk") by FVM v2 in network versions 16 and 17.
 * <p>
 * Semantic differences of 0.2 reproduced here: the gas global is imported as {@code gas_couner} (sic); {@code br_table}'s
 * default target counts as a branch target; only {@code global.get/set} at or above the gas global are shifted and global
 * exports are shifted too; {@code memory.grow} is metered per page by calling an appended
 * {@code (param i32) (result i32)} grow function instead of inline code, and no other instruction has a linear cost;
 * every imported global must match the gas module or the gas counter name; element and data offsets must be
 * {@code i32.const}; a function's stack cost counts its locals, not its local declaration groups; and code is seen through
 * {@link ParityWasmView} (parity-wasm decodes {@code memory.copy} as {@code memory.copy; unreachable}, which adds one to the
 * metered cost and makes the rest of the frame unreachable for the stack-height analysis).
 * Output bytes equal the 0.2.0 crate's for the v9 mainnet actors; parity-wasm's layout for modules whose sections it would
 * reorder (e.g. several custom sections) is not emulated.
 */
public enum InstrumentVersion {
    V0_2,
    V0_4;

    /** The release the FVM used for a network version (16-17: FVM v2 with 0.2; 18 and later: FVM v3/v4 with 0.4). */
    public static InstrumentVersion forNetworkVersion(int networkVersion) {
        if (networkVersion < 16) {
            throw new IllegalArgumentException(
                    "network version " + networkVersion + " predates the FVM (network version 16)");
        }
        return networkVersion <= 17 ? V0_2 : V0_4;
    }
}

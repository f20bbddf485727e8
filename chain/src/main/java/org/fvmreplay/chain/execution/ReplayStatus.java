package org.fvmreplay.chain.execution;

/** How a replayed tipset compares with the chain. */
public enum ReplayStatus {
    /** Computed state root and receipts root equal what the child's header records. */
    MATCH,
    /** A root differs; the report names the first differing receipt when there is one. */
    MISMATCH,
    /** A state migration that is not ported runs before the tipset: not executed. */
    MIGRATION,
    /** A block the replay needs (state, messages, receipts to check) is not in the store: named by CID. */
    MISSING_STATE,
    /** A network version the VM does not run. */
    UNSUPPORTED
}

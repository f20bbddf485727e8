package org.fvmreplay.fvm.kernel;

/** Actor events (ref-fvm's {@code EventOps}, FIP-0049; FVM v4 emits from entry headers, {@link KernelV4}). */
public interface EventOps {
    /** Validates and records a DAG-CBOR encoded event. */
    void emitEvent(byte[] raw);
}

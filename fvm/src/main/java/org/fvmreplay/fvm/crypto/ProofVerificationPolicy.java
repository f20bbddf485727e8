package org.fvmreplay.fvm.crypto;

/**
 * What this machine answers for proofs it cannot check (seals, aggregates, replica updates, Window PoSt): the reference
 * conformance harness's {@code TestKernel} accepts every one, charging the price list's gas except for
 * {@code batch_verify_seals}, whose gas the power actor already paid. Vectors that need a real answer are skipped by the
 * conformance runner.
 */
public enum ProofVerificationPolicy {
    /** Every proof verifies, as in ref-fvm's testing/conformance. */
    ACCEPT_ALL;

    public boolean accepts() {
        return this == ACCEPT_ALL;
    }
}

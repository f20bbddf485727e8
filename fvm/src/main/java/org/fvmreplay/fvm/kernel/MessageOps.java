package org.fvmreplay.fvm.kernel;

/** The message and call that started this invocation (ref-fvm's {@code MessageOps}). */
public interface MessageOps {
    /** Origin, nonce, caller, receiver, method, value received, gas premium and the read-only flag in the syscall's layout. */
    byte[] messageContext();
}

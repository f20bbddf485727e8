package org.fvmreplay.fvm.exitcode;

/**
 * Every exit code the VM itself gives a receipt or a trap (fvm_shared {@code error::ExitCode}): the system codes 1–15,
 * which only the VM may produce, and where the actors' own codes begin. The one place these numbers live.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** The message sender does not exist, or is not an account (or placeholder / EthAccount where allowed). */
    public static final int SYS_SENDER_INVALID = 1;
    /** The sender's nonce or balance does not allow the message. */
    public static final int SYS_SENDER_STATE_INVALID = 2;
    /** An actor trapped (including the stack limiter's {@code unreachable}) or its module failed to instantiate. */
    public static final int SYS_ILLEGAL_INSTRUCTION = 4;
    /** The receiver does not exist and cannot be created implicitly. */
    public static final int SYS_INVALID_RECEIVER = 5;
    /** The sender cannot pay the value it sends. */
    public static final int SYS_INSUFFICIENT_FUNDS = 6;
    /** Out of gas. */
    public static final int SYS_OUT_OF_GAS = 7;
    /** An actor aborted with a system exit code (below {@link #FIRST_USER_EXIT_CODE}), which it may not use. */
    public static final int SYS_ILLEGAL_EXIT_CODE = 9;
    /** The VM hit an internal error or an actor trapped in an unexpected way. */
    public static final int SYS_ASSERTION_FAILED = 10;
    /** An actor returned a block handle that does not exist. */
    public static final int SYS_MISSING_RETURN = 11;
    /** The first exit code actors may abort with. */
    public static final int FIRST_USER_EXIT_CODE = 16;

    private ExitCodes() {}
}

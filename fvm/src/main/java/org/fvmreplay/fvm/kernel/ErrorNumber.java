package org.fvmreplay.fvm.kernel;

/** Syscall error numbers returned to actors (fvm_shared {@code ErrorNumber}). */
public final class ErrorNumber {
    public static final int ILLEGAL_ARGUMENT = 1;
    public static final int ILLEGAL_OPERATION = 2;
    public static final int LIMIT_EXCEEDED = 3;
    public static final int ASSERTION_FAILED = 4;
    public static final int INSUFFICIENT_FUNDS = 5;
    public static final int NOT_FOUND = 6;
    public static final int INVALID_HANDLE = 7;
    public static final int ILLEGAL_CID = 8;
    public static final int ILLEGAL_CODEC = 9;
    public static final int SERIALIZATION = 10;
    public static final int FORBIDDEN = 11;
    public static final int BUFFER_TOO_SMALL = 12;
    public static final int READ_ONLY = 13;

    private ErrorNumber() {}
}

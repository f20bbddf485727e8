package org.fvmreplay.fvm.crypto;

/** Input to a crypto operation is malformed (bad length, point off the curve, piece sizes that do not fit); the kernel reports it as an illegal argument. */
public final class CryptoInputException extends RuntimeException {
    public CryptoInputException(String message) {
        super(message);
    }

    public CryptoInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.fvmreplay.fvm.engine;

/** The engine cannot compile or link a module (in the reference these are fatal errors, not actor failures). */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}

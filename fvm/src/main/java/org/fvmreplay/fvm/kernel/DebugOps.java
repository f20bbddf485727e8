package org.fvmreplay.fvm.kernel;

/** The reference's debug mode (ref-fvm's {@code DebugOps}), which decides whether debug logs and artifacts are kept. */
public interface DebugOps {
    boolean debugEnabled();
}

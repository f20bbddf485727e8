package org.fvmreplay.fvm.engine;

import org.fvmreplay.ipld.cid.Cid;

/** A module compiled by one engine; immutable and shareable across threads and instances. */
public interface CompiledModule {
    Cid codeCid();

    /** Name of the engine that compiled it; instances must be created by the same engine. */
    String engineName();

    /** Size of the instrumented bytes that were compiled. */
    int wasmSize();
}

package org.fvmreplay.fvm.wasm;

import com.dylibso.chicory.wabt.Wat2Wasm;

/** Test helper: WAT text to binary with the pure-Java wat2wasm, accepting the legacy mnemonics the reference tests use. */
public final class Wat {
    private static final String[][] LEGACY_MNEMONICS = {
        {"get_local", "local.get"},
        {"set_local", "local.set"},
        {"tee_local", "local.tee"},
        {"get_global", "global.get"},
        {"set_global", "global.set"},
        {"anyfunc", "funcref"},
        {"grow_memory", "memory.grow"}
    };

    private Wat() {}

    /**
     * The reference fixtures use pre-2019 mnemonics ({@code get_local}, {@code anyfunc}) that the Rust {@code wat} crate
     * still accepts but wabt no longer does; they are renamed to their current spelling, which encodes to the same bytes.
     */
    public static byte[] compile(String text) {
        String modern = text;
        for (String[] rename : LEGACY_MNEMONICS) {
            modern = modern.replace(rename[0], rename[1]);
        }
        return Wat2Wasm.parse(modern);
    }
}

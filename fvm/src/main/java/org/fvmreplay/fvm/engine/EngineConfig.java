package org.fvmreplay.fvm.engine;

/**
 * Engine limits taken from ref-fvm's {@code NetworkConfig} / {@code EngineConfig}.
 *
 * @param maxInstanceMemoryBytes linear memory one instance may reach ({@code max_inst_memory_bytes}); growing beyond it
 * makes {@code memory.grow} return -1, a larger initial memory fails instantiation
 * @param maxWasmStackElements the instrumented stack limiter's limit ({@code max_wasm_stack})
 * @param nativeStackBytes native stack the engine may use, far above what the limiter allows ({@code Config::max_wasm_stack})
 * @param maxTableElements elements one instance's table may hold (the pooling allocator's {@code table_elements}); a
 * larger initial table fails instantiation, growing beyond it makes {@code table.grow} return -1. The total over the call
 * stack ({@code max_memory_bytes}) is a per-message {@link MemoryLimiter}, not an engine setting.
 */
public record EngineConfig(
        long maxInstanceMemoryBytes, int maxWasmStackElements, long nativeStackBytes, long maxTableElements) {
    public static final int PAGE_SIZE = 65536;
    /** ref-fvm's pooling allocator {@code table_elements}. */
    public static final long DEFAULT_MAX_TABLE_ELEMENTS = 20_000;

    /** Limits with the reference's per-instance table element limit. */
    public EngineConfig(long maxInstanceMemoryBytes, int maxWasmStackElements, long nativeStackBytes) {
        this(maxInstanceMemoryBytes, maxWasmStackElements, nativeStackBytes, DEFAULT_MAX_TABLE_ELEMENTS);
    }

    public EngineConfig {
        if (maxInstanceMemoryBytes <= 0 || maxInstanceMemoryBytes % PAGE_SIZE != 0) {
            throw new IllegalArgumentException(
                    "maxInstanceMemoryBytes must be a positive multiple of the 64 KiB page size: "
                            + maxInstanceMemoryBytes);
        }
        if (maxWasmStackElements <= 0) {
            throw new IllegalArgumentException("maxWasmStackElements must be positive: " + maxWasmStackElements);
        }
        if (nativeStackBytes <= 0) {
            throw new IllegalArgumentException("nativeStackBytes must be positive: " + nativeStackBytes);
        }
        if (maxTableElements < 0) {
            throw new IllegalArgumentException("maxTableElements must not be negative: " + maxTableElements);
        }
    }

    /** ref-fvm defaults for every network version: 512 MiB per instance, 2048 stack elements, 4 MiB native wasm stack, 20,000 table elements. */
    public static EngineConfig reference() {
        return new EngineConfig(512L << 20, 2048, 4L << 20);
    }

    public int maxInstanceMemoryPages() {
        return (int) (maxInstanceMemoryBytes / PAGE_SIZE);
    }
}

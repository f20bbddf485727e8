package org.fvmreplay.fvm.engine;

/**
 * Engine limits taken from ref-fvm's {@code NetworkConfig} / {@code EngineConfig}.
 *
 * @param maxInstanceMemoryBytes linear memory one instance may reach ({@code max_inst_memory_bytes}); growing beyond it
 * makes {@code memory.grow} return -1, a larger initial memory fails instantiation
 * @param maxWasmStackElements the instrumented stack limiter's limit ({@code max_wasm_stack})
 * @param nativeStackBytes native stack the engine may use, far above what the limiter allows ({@code Config::max_wasm_stack})
 */
public record EngineConfig(long maxInstanceMemoryBytes, int maxWasmStackElements, long nativeStackBytes)
{
    public static final int PAGE_SIZE = 65536;

    public EngineConfig
    {
        if (maxInstanceMemoryBytes <= 0 || maxInstanceMemoryBytes % PAGE_SIZE != 0) {
            throw new IllegalArgumentException("maxInstanceMemoryBytes must be a positive multiple of the 64 KiB page size: " + maxInstanceMemoryBytes);
        }
        if (maxWasmStackElements <= 0) {
            throw new IllegalArgumentException("maxWasmStackElements must be positive: " + maxWasmStackElements);
        }
        if (nativeStackBytes <= 0) {
            throw new IllegalArgumentException("nativeStackBytes must be positive: " + nativeStackBytes);
        }
    }

    /** ref-fvm defaults for every network version: 512 MiB per instance, 2048 stack elements, 4 MiB native wasm stack. */
    public static EngineConfig reference()
    {
        return new EngineConfig(512L << 20, 2048, 4L << 20);
    }

    public int maxInstanceMemoryPages()
    {
        return (int) (maxInstanceMemoryBytes / PAGE_SIZE);
    }
}

package org.fvmreplay.fvm.engine;

/**
 * One instantiated actor module with its own memory and gas counter. Not thread-safe: one invocation at a time.
 * Memory accessors check bounds and throw {@link Trap} of kind {@link TrapKind#MEMORY_OUT_OF_BOUNDS} on bad ranges.
 */
public interface WasmInstance extends AutoCloseable {
    /**
     * Calls exported function {@code name} with raw arguments (i32 in the low 32 bits).
     *
     * @throws Trap if execution traps, runs out of gas or a host function aborts
     * @throws EngineException if there is no such export
     */
    long[] call(String name, long... arguments);

    /** Calls the actor entry point {@code invoke(u32) -> u32}. */
    default int invoke(int paramsBlockId) {
        long[] results = call("invoke", Integer.toUnsignedLong(paramsBlockId));
        if (results.length != 1) {
            throw new EngineException("invoke returned " + results.length + " values, expected 1");
        }
        return (int) results[0];
    }

    /** Current size of the exported linear memory {@code memory}, in bytes. */
    long memorySize();

    byte[] readMemory(long offset, int length);

    void writeMemory(long offset, byte[] data);

    /** Value of the instrumentation's {@code gas.gas_counter} global (remaining gas; negative once exhausted). */
    long gasCounter();

    void setGasCounter(long value);

    /** Releases native resources; the instance is unusable afterwards. */
    @Override
    void close();
}

/**
 * WebAssembly engine SPI for actor code. Raw code is prepared by {@link org.fvmreplay.fvm.engine.InstrumentationProfile}
 * (validate, stack limiter, gas metering: ref-fvm's {@code load_raw}), compiled by a
 * {@link org.fvmreplay.fvm.engine.WasmEngine} into a shareable {@link org.fvmreplay.fvm.engine.CompiledModule}, and
 * instantiated fresh for every invocation against {@link org.fvmreplay.fvm.engine.HostFunctions} (the syscalls) and a
 * per-instance gas counter global ({@code gas.gas_counter}). Abnormal ends are {@link org.fvmreplay.fvm.engine.Trap}s
 * whose {@link org.fvmreplay.fvm.engine.TrapKind} carries the exit code the reference assigns: out of gas (the counter is
 * negative after the call, whatever trapped) is SYS_OUT_OF_GAS; every wasm trap, including the instrumented stack
 * limiter's {@code unreachable} and a failed instantiation, is SYS_ILLEGAL_INSTRUCTION; a host function's
 * {@link org.fvmreplay.fvm.engine.HostAbort} keeps its exit code; anything unexpected is SYS_ASSERTION_FAILED.
 * Memory: each instance's linear memory is capped by {@link org.fvmreplay.fvm.engine.EngineConfig} (declared maximum
 * lowered by {@link org.fvmreplay.fvm.engine.MemoryLimitRewriter}; tables by {@code maxTableElements}), and all instances
 * of one message's call stack share a {@link org.fvmreplay.fvm.engine.MemoryLimiter} (ref-fvm's
 * {@code max_memory_bytes}, 8 bytes per table element) that the call manager passes to every instantiation: a refused
 * grow returns -1, a refused instantiation is a {@link org.fvmreplay.fvm.engine.TrapKind#MEMORY_LIMIT} trap. Chicory
 * enforces it on every grow; wasmtime-java has no limiter hook, so wasmtime charges growth late and turns an overrun into a
 * fatal trap (see {@code WasmtimeEngine}).
 * Backends: {@code engine.chicory} (pure Java) and {@code engine.wasmtime} (JNI); caching and pooling in
 * {@code engine.cache}.
 */
package org.fvmreplay.fvm.engine;

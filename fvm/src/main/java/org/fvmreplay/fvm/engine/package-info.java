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
 * Backends: {@code engine.chicory} (pure Java) and {@code engine.wasmtime} (JNI); caching and pooling in
 * {@code engine.cache}.
 */
package org.fvmreplay.fvm.engine;

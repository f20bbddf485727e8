package org.fvmreplay.fvm.wasm.binary;

/** How a plain instruction changes the operand stack height, as the reference stack limiter models it. */
public enum StackEffect {
    /** Structured control, branches, calls: handled individually. */
    CONTROL,
    NONE,
    PUSH,
    POP,
    POP2,
    POP3,
    /** Pops one value, pushes one. */
    UNARY,
    /** Pops two values, pushes one. */
    BINARY,
    /** Pops two values and the condition (in two steps), pushes one. */
    SELECT,
    /** The reference stack limiter rejects this instruction. */
    UNSUPPORTED
}

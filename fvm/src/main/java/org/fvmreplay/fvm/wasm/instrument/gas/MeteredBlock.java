package org.fvmreplay.fvm.wasm.instrument.gas;

/** A run of instructions that either all execute or none do; its cost is charged before {@code startPosition}. */
public record MeteredBlock(int startPosition, long cost) {}

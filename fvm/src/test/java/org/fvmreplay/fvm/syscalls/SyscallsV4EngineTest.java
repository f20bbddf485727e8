package org.fvmreplay.fvm.syscalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fvmreplay.fvm.kernel.V4TestMachine.ACTOR;
import static org.fvmreplay.fvm.kernel.V4TestMachine.ACTOR_BALANCE;
import static org.fvmreplay.fvm.kernel.V4TestMachine.BURNT_BALANCE;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fvmreplay.fvm.callmanager.InvocationResult;
import org.fvmreplay.fvm.crypto.BlsSignatures;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.engine.wasmtime.WasmtimeEngine;
import org.fvmreplay.fvm.kernel.ErrorNumber;
import org.fvmreplay.fvm.kernel.V4TestMachine;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.fvm.wasm.Wat;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * The FVM v4 ABI end to end on both engines: a small actor written in WAT imports {@code rand::get_chain_randomness(i32
 * ret, i64 epoch)}, the six-argument {@code event::emit_event} and {@code self::self_destruct(i32 burn)}, is stored as
 * actor code in a network version 21 machine ({@link V4TestMachine}) and invoked through {@code CallManager.send}, so it
 * is validated, instrumented, linked against {@link SyscallsV4} and run like any actor.
 */
class SyscallsV4EngineTest {
    private static final long EPOCH = 1000;
    private static final long RAND_EPOCH = 990;

    static Stream<Arguments> engines() {
        Function<EngineConfig, WasmEngine> chicory = ChicoryEngine::new;
        Function<EngineConfig, WasmEngine> wasmtime = WasmtimeEngine::new;
        return Stream.of(Arguments.of("chicory", chicory), Arguments.of("wasmtime", wasmtime));
    }

    /**
     * An actor whose {@code invoke} draws chain randomness at epoch 990 into memory at 128, emits it as the value of one
     * event entry {flags 3, codec 0x55 (raw), key "rand"} described by a packed little-endian entry header at 0, then
     * calls {@code self_destruct(burn)}. Any syscall returning another error number than expected traps
     * ({@code unreachable}), so the call exits non-zero.
     */
    private static byte[] actor(int burn, int expectedSelfDestructError) {
        return Wat.compile("""
                (module
                  (import "rand" "get_chain_randomness" (func $rand (param i32 i64) (result i32)))
                  (import "event" "emit_event" (func $emit (param i32 i32 i32 i32 i32 i32) (result i32)))
                  (import "self" "self_destruct" (func $self_destruct (param i32) (result i32)))
                  (memory (export "memory") 1)
                  ;; EventEntry { flags: u64 = 3, codec: u64 = 0x55, key_len: u32 = 4, val_len: u32 = 32 }
                  (data (i32.const 0) "\\03\\00\\00\\00\\00\\00\\00\\00\\55\\00\\00\\00\\00\\00\\00\\00\\04\\00\\00\\00\\20\\00\\00\\00")
                  (data (i32.const 64) "rand")
                  (func (export "invoke") (param i32) (result i32)
                    (if (i32.ne (call $rand (i32.const 128) (i64.const %d)) (i32.const 0)) (then unreachable))
                    (if (i32.ne (call $emit (i32.const 0) (i32.const 1) (i32.const 64) (i32.const 4) (i32.const 128) (i32.const 32)) (i32.const 0))
                      (then unreachable))
                    (if (i32.ne (call $self_destruct (i32.const %d)) (i32.const %d)) (then unreachable))
                    (i32.const 0)))
                """.formatted(RAND_EPOCH, burn, expectedSelfDestructError));
    }

    /** A v21 machine whose actor f01000 runs {@code wasm}, keeping its balance. */
    private static V4TestMachine machineRunning(WasmEngine engine, byte[] wasm) {
        Cid code = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, wasm);
        V4TestMachine vm = V4TestMachine.create(
                EPOCH,
                engine,
                Map.of(ACTOR, new ActorState(code, V4TestMachine.STATE, 0, ACTOR_BALANCE, Optional.empty())));
        vm.store.put(code, wasm);
        return vm;
    }

    private static InvocationResult invoke(V4TestMachine vm) {
        return vm.callManager.send(
                V4TestMachine.ORIGIN,
                Address.id(ACTOR),
                2,
                Optional.empty(),
                BigInteger.ZERO,
                OptionalLong.empty(),
                false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void randomnessIsWrittenToMemoryTheEventRecordedAndTheActorBurntAndDeleted(
            String name, Function<EngineConfig, WasmEngine> engines) {
        try (WasmEngine engine = engines.apply(EngineConfig.reference())) {
            V4TestMachine vm = machineRunning(engine, actor(1, 0));

            InvocationResult result = invoke(vm);

            assertThat(result.exitCode()).as("exit code on " + name).isZero();
            assertThat(vm.externs.calls).containsExactly("chain " + RAND_EPOCH);
            // the event carries the 32 bytes the randomness syscall wrote at 128: [ [3, "rand", 0x55, digest] ]
            String digest = HexFormat.of().formatHex(V4TestMachine.TestExterns.chainDigest(RAND_EPOCH));
            assertThat(vm.callManager.events()).singleElement().satisfies(event -> {
                assertThat(event.emitter()).isEqualTo(ACTOR);
                assertThat(HexFormat.of().formatHex(event.encoded()))
                        .isEqualTo("81" + "84" + "03" + "6472616e64" + "1855" + "5820" + digest);
            });
            assertThat(vm.machine.stateTree().actor(ACTOR)).isEmpty();
            assertThat(vm.machine.stateTree().actor(Machine.BURNT_FUNDS_ACTOR_ID))
                    .get()
                    .extracting(ActorState::balance)
                    .isEqualTo(BURNT_BALANCE.add(ACTOR_BALANCE));
            // randomness at lookback 10 was charged as the v4 price list says
            assertThat(vm.callManager.gasTrace().entries())
                    .filteredOn(e ->
                            e instanceof TraceEntry.GasCharged c && c.name().equals("OnGetRandomness"))
                    .singleElement()
                    .satisfies(e -> {
                        TraceEntry.GasCharged charge = (TraceEntry.GasCharged) e;
                        assertThat(charge.computeMilligas()).isZero();
                        assertThat(charge.storageMilligas()).isEqualTo((146_200 + 75 * 10) * 1000L);
                    });
            assertThat(vm.callManager.gasTrace().entries())
                    .filteredOn(e -> e instanceof TraceEntry.SyscallReturned)
                    .extracting(e -> ((TraceEntry.SyscallReturned) e).namespace() + "::"
                            + ((TraceEntry.SyscallReturned) e).name())
                    .containsExactly("rand::get_chain_randomness", "event::emit_event", "self::self_destruct");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void selfDestructWithoutBurningFundsReturnsIllegalOperationToTheActor(
            String name, Function<EngineConfig, WasmEngine> engines) {
        try (WasmEngine engine = engines.apply(EngineConfig.reference())) {
            V4TestMachine vm = machineRunning(engine, actor(0, ErrorNumber.ILLEGAL_OPERATION));

            InvocationResult result = invoke(vm);

            assertThat(result.exitCode()).as("exit code on " + name).isZero();
            assertThat(vm.callManager.events()).hasSize(1);
            assertThat(vm.machine.stateTree().actor(ACTOR))
                    .get()
                    .extracting(ActorState::balance)
                    .isEqualTo(ACTOR_BALANCE);
            assertThat(vm.machine.stateTree().actor(Machine.BURNT_FUNDS_ACTOR_ID))
                    .get()
                    .extracting(ActorState::balance)
                    .isEqualTo(BURNT_BALANCE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aTrapRevertsTheEventAndTheDeletion(String name, Function<EngineConfig, WasmEngine> engines) {
        // expects self_destruct(1) to fail with IllegalOperation, which it does not: the actor traps after deleting
        // itself
        try (WasmEngine engine = engines.apply(EngineConfig.reference())) {
            V4TestMachine vm = machineRunning(engine, actor(1, ErrorNumber.ILLEGAL_OPERATION));

            InvocationResult result = invoke(vm);

            assertThat(result.exitCode()).as("exit code on " + name).isNotZero();
            assertThat(vm.callManager.events()).isEmpty();
            assertThat(vm.machine.stateTree().actor(ACTOR))
                    .get()
                    .extracting(ActorState::balance)
                    .isEqualTo(ACTOR_BALANCE);
        }
    }

    /** WAT string escapes for {@code bytes}. */
    private static String escaped(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('\\').append(String.format("%02x", b & 0xFF));
        }
        return out.toString();
    }

    /**
     * An actor that calls {@code crypto::verify_bls_aggregate(ret 512, signers, sig 0, keys 96, plaintexts 192, lens 256)}
     * over its data segments and traps unless the call succeeds and writes {@code expected} at 512.
     */
    private static byte[] blsActor(
            int signers, byte[] signature, byte[] keys, byte[] plaintexts, byte[] lengths, int expected) {
        return Wat.compile("""
                (module
                  (import "crypto" "verify_bls_aggregate" (func $verify (param i32 i32 i32 i32 i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "%s")
                  (data (i32.const 96) "%s")
                  (data (i32.const 192) "%s")
                  (data (i32.const 256) "%s")
                  (func (export "invoke") (param i32) (result i32)
                    (if (i32.ne (call $verify (i32.const 512) (i32.const %d) (i32.const 0) (i32.const 96) (i32.const 192) (i32.const 256)) (i32.const 0))
                      (then unreachable))
                    (if (i32.ne (i32.load (i32.const 512)) (i32.const %d)) (then unreachable))
                    (i32.const 0)))
                """.formatted(
                        escaped(signature), escaped(keys), escaped(plaintexts), escaped(lengths), signers, expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void verifyBlsAggregateReadsKeysAndLittleEndianLengthsFromMemory(
            String name, Function<EngineConfig, WasmEngine> engines) {
        SecretKey a = new SecretKey();
        a.keygen(new byte[32]);
        SecretKey b = new SecretKey();
        byte[] ikm = new byte[32];
        ikm[0] = 1;
        b.keygen(ikm);
        byte[] m1 = "abc".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] m2 = "defgh".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        P2 aggregate = new P2().hash_to(m1, BlsSignatures.DST).sign_with(a);
        aggregate.aggregate(new P2().hash_to(m2, BlsSignatures.DST).sign_with(b).to_affine());
        byte[] signature = aggregate.compress();
        byte[] keys = java.util.Arrays.copyOf(new P1(a).compress(), 96);
        System.arraycopy(new P1(b).compress(), 0, keys, 48, 48);
        byte[] plaintexts = "abcdefgh".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] lengths = {3, 0, 0, 0, 5, 0, 0, 0};
        byte[] tampered = "abcdefgi".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] otherSplit = {4, 0, 0, 0, 4, 0, 0, 0};

        try (WasmEngine engine = engines.apply(EngineConfig.reference())) {
            assertThat(invoke(machineRunning(engine, blsActor(2, signature, keys, plaintexts, lengths, 0)))
                            .exitCode())
                    .as("valid on " + name)
                    .isZero();
            assertThat(invoke(machineRunning(engine, blsActor(2, signature, keys, tampered, lengths, -1)))
                            .exitCode())
                    .as("tampered on " + name)
                    .isZero();
            assertThat(invoke(machineRunning(engine, blsActor(2, signature, keys, plaintexts, otherSplit, -1)))
                            .exitCode())
                    .as("split on " + name)
                    .isZero();
            assertThat(invoke(machineRunning(
                                    engine, blsActor(0, new byte[96], new byte[0], new byte[0], new byte[0], 0)))
                            .exitCode())
                    .as("no signers on " + name)
                    .isZero();
            // the actor traps when the answer differs from what it expects
            assertThat(invoke(machineRunning(engine, blsActor(2, signature, keys, plaintexts, lengths, -1)))
                            .exitCode())
                    .as("control on " + name)
                    .isNotZero();
        }
    }

    private static final long CALLEE = 2000;

    /** A callee whose {@code invoke} calls {@code ipld::block_open} on {@code cid} and traps unless it returns {@code expectedError}. */
    private static byte[] openingActor(Cid cid, int expectedError) {
        return Wat.compile("""
                (module
                  (import "ipld" "block_open" (func $open (param i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "%s")
                  (func (export "invoke") (param i32) (result i32)
                    (if (i32.ne (call $open (i32.const 256) (i32.const 0)) (i32.const %d)) (then unreachable))
                    (i32.const 0)))
                """.formatted(escaped(cid.toBytes()), expectedError));
    }

    /** Sends from a v4 kernel of f01000, which has opened its state (so its child is reachable to it), to a callee running {@code callee}. */
    private static int sendToOpeningActor(WasmEngine engine, byte[] callee, long paramsCodec, boolean withParams) {
        Cid code = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, callee);
        V4TestMachine vm = V4TestMachine.create(
                EPOCH,
                engine,
                Map.of(CALLEE, new ActorState(code, V4TestMachine.STATE, 0, BigInteger.ZERO, Optional.empty())));
        vm.store.put(code, callee);
        org.fvmreplay.fvm.kernel.KernelV4 sender = vm.kernel(false);
        sender.root();
        sender.blockOpen(V4TestMachine.STATE);
        int paramsId = 0;
        if (withParams) {
            byte[] params = new org.fvmreplay.ipld.cbor.CborWriter(64)
                    .writeArrayHeader(1)
                    .writeCid(V4TestMachine.CHILD)
                    .toByteArray();
            paramsId = sender.blockCreate(paramsCodec, params);
        }
        return sender.send(Address.id(CALLEE), 2, paramsId, BigInteger.ZERO, OptionalLong.empty(), false)
                .exitCode();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void linksInDagCborParamsAreReachableToTheCalleeAndNothingElseIs(
            String name, Function<EngineConfig, WasmEngine> engines) {
        try (WasmEngine engine = engines.apply(EngineConfig.reference())) {
            long dagCbor = org.fvmreplay.fvm.kernel.Block.DAG_CBOR;
            long cbor = org.fvmreplay.fvm.kernel.Block.CBOR;
            assertThat(sendToOpeningActor(engine, openingActor(V4TestMachine.CHILD, 0), dagCbor, true))
                    .as("linked child on " + name)
                    .isZero();
            assertThat(sendToOpeningActor(
                            engine, openingActor(V4TestMachine.UNRELATED, ErrorNumber.NOT_FOUND), dagCbor, true))
                    .as("unrelated on " + name)
                    .isZero();
            // the sender's reachable set does not travel without params, nor in CBOR params (which have no links)
            assertThat(sendToOpeningActor(
                            engine, openingActor(V4TestMachine.CHILD, ErrorNumber.NOT_FOUND), dagCbor, false))
                    .as("no params on " + name)
                    .isZero();
            assertThat(sendToOpeningActor(engine, openingActor(V4TestMachine.CHILD, ErrorNumber.NOT_FOUND), cbor, true))
                    .as("cbor params on " + name)
                    .isZero();
            // control: the callee traps when block_open does not answer what it expects
            assertThat(sendToOpeningActor(
                            engine, openingActor(V4TestMachine.CHILD, ErrorNumber.NOT_FOUND), dagCbor, true))
                    .as("control on " + name)
                    .isNotZero();
        }
    }

    /** An actor that calls {@code verify_bls_aggregate} with {@code signers} over zeroed memory and traps unless it returns {@code expectedError}. */
    private static byte[] blsCountActor(int signers, int expectedError) {
        return Wat.compile("""
                (module
                  (import "crypto" "verify_bls_aggregate" (func $verify (param i32 i32 i32 i32 i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (func (export "invoke") (param i32) (result i32)
                    (if (i32.ne (call $verify (i32.const 512) (i32.const %d) (i32.const 0) (i32.const 96) (i32.const 192) (i32.const 256)) (i32.const %d))
                      (then unreachable))
                    (i32.const 0)))
                """.formatted(signers, expectedError));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void signerCountsTooLargeForMemoryOrU32AreIllegalArguments(
            String name, Function<EngineConfig, WasmEngine> engines) {
        try (WasmEngine engine = engines.apply(EngineConfig.reference())) {
            // 2000 keys (96 000 bytes) do not fit in one 64 KiB page
            assertThat(invoke(machineRunning(engine, blsCountActor(2000, ErrorNumber.ILLEGAL_ARGUMENT)))
                            .exitCode())
                    .as("2000 on " + name)
                    .isZero();
            // 0x10000000 * 48 and 0xFFFFFFFF * 48 overflow u32: the reference's checked_mul reports IllegalArgument
            assertThat(invoke(machineRunning(engine, blsCountActor(0x10000000, ErrorNumber.ILLEGAL_ARGUMENT)))
                            .exitCode())
                    .as("2^28 on " + name)
                    .isZero();
            assertThat(invoke(machineRunning(engine, blsCountActor(-1, ErrorNumber.ILLEGAL_ARGUMENT)))
                            .exitCode())
                    .as("u32::MAX on " + name)
                    .isZero();
            assertThat(invoke(machineRunning(engine, blsCountActor(Integer.MIN_VALUE, ErrorNumber.ILLEGAL_ARGUMENT)))
                            .exitCode())
                    .as("2^31 on " + name)
                    .isZero();
        }
    }

    /**
     * An actor that emits {@code count} entries whose headers start at 0 (the first one {flags 1, codec 0x55, key "k", no
     * value}, the rest zero) and traps unless {@code emit_event} returns {@code expectedError}.
     */
    private static byte[] emittingActor(int count, int expectedError) {
        return Wat.compile("""
                (module
                  (import "event" "emit_event" (func $emit (param i32 i32 i32 i32 i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "\\01\\00\\00\\00\\00\\00\\00\\00\\55\\00\\00\\00\\00\\00\\00\\00\\01\\00\\00\\00\\00\\00\\00\\00")
                  (data (i32.const 60000) "k")
                  (func (export "invoke") (param i32) (result i32)
                    (if (i32.ne (call $emit (i32.const 0) (i32.const %d) (i32.const 60000) (i32.const 1) (i32.const 60001) (i32.const 0)) (i32.const %d))
                      (then unreachable))
                    (i32.const 0)))
                """.formatted(count, expectedError));
    }

    private static InvocationResult invoke(V4TestMachine vm, boolean readOnly) {
        return vm.callManager.send(
                V4TestMachine.ORIGIN,
                Address.id(ACTOR),
                2,
                Optional.empty(),
                BigInteger.ZERO,
                OptionalLong.empty(),
                readOnly);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void emitEventErrorNumbersReachTheActor(String name, Function<EngineConfig, WasmEngine> engines) {
        try (WasmEngine engine = engines.apply(EngineConfig.reference())) {
            V4TestMachine ok = machineRunning(engine, emittingActor(1, 0));
            assertThat(invoke(ok, false).exitCode()).as("one entry on " + name).isZero();
            assertThat(ok.callManager.events())
                    .singleElement()
                    .satisfies(e -> assertThat(HexFormat.of().formatHex(e.encoded()))
                            .isEqualTo("81" + "84" + "01" + "616b" + "1855" + "40"));

            V4TestMachine readOnly = machineRunning(engine, emittingActor(1, ErrorNumber.READ_ONLY));
            assertThat(invoke(readOnly, true).exitCode())
                    .as("read-only on " + name)
                    .isZero();
            assertThat(readOnly.callManager.events()).isEmpty();

            // the second header is all zeros: its codec 0 is checked (IllegalCodec) before the "k" left over would be
            assertThat(invoke(machineRunning(engine, emittingActor(2, ErrorNumber.ILLEGAL_CODEC)), false)
                            .exitCode())
                    .as("codec 0 on " + name)
                    .isZero();
            // 256 headers fit in memory but exceed the entry limit
            assertThat(invoke(machineRunning(engine, emittingActor(256, ErrorNumber.LIMIT_EXCEEDED)), false)
                            .exitCode())
                    .as("256 on " + name)
                    .isZero();
            // 2731 headers (65 544 bytes) run past the 64 KiB memory, and 0xFFFFFFFF headers overflow u32
            assertThat(invoke(machineRunning(engine, emittingActor(2731, ErrorNumber.ILLEGAL_ARGUMENT)), false)
                            .exitCode())
                    .as("2731 on " + name)
                    .isZero();
            assertThat(invoke(machineRunning(engine, emittingActor(-1, ErrorNumber.ILLEGAL_ARGUMENT)), false)
                            .exitCode())
                    .as("u32::MAX on " + name)
                    .isZero();
        }
    }

    private static final byte[] CALLEE_STATE_DATA = {(byte) 0x81, 0x07};
    private static final Cid CALLEE_STATE = Cid.forDagCbor(CALLEE_STATE_DATA);

    /**
     * A callee that (if {@code readRoot}) reads its state root with {@code self::root}, then creates the DAG-CBOR block
     * {@code [CALLEE_STATE]} and returns it; it traps unless {@code block_create} returns {@code expectedError}.
     */
    private static byte[] returningActor(boolean readRoot, int expectedError) {
        byte[] block = new org.fvmreplay.ipld.cbor.CborWriter(64)
                .writeArrayHeader(1)
                .writeCid(CALLEE_STATE)
                .toByteArray();
        String root = readRoot
                ? "(if (i32.ne (call $root (i32.const 1024) (i32.const 1100) (i32.const 100)) (i32.const 0)) (then unreachable))"
                : "";
        return Wat.compile("""
                (module
                  (import "self" "root" (func $root (param i32 i32 i32) (result i32)))
                  (import "ipld" "block_create" (func $create (param i32 i64 i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "%s")
                  (func (export "invoke") (param i32) (result i32)
                    %s
                    (if (i32.ne (call $create (i32.const 2048) (i64.const 0x71) (i32.const 0) (i32.const %d)) (i32.const %d)) (then unreachable))
                    (i32.load (i32.const 2048))))
                """.formatted(escaped(block), root, block.length, expectedError));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void linksOfAReturnedBlockBecomeReachableToTheCaller(String name, Function<EngineConfig, WasmEngine> engines) {
        try (WasmEngine engine = engines.apply(EngineConfig.reference())) {
            for (boolean readRoot : new boolean[] {true, false}) {
                byte[] callee = returningActor(readRoot, readRoot ? 0 : ErrorNumber.NOT_FOUND);
                Cid code = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, callee);
                V4TestMachine vm = V4TestMachine.create(
                        EPOCH,
                        engine,
                        Map.of(CALLEE, new ActorState(code, CALLEE_STATE, 0, BigInteger.ZERO, Optional.empty())));
                vm.store.put(code, callee);
                vm.store.put(CALLEE_STATE, CALLEE_STATE_DATA);
                org.fvmreplay.fvm.kernel.KernelV4 caller = vm.kernel(false);
                assertThat(caller.blocks().isReachable(CALLEE_STATE)).isFalse();

                org.fvmreplay.fvm.kernel.Kernel.SendResult sent =
                        caller.send(Address.id(CALLEE), 2, 0, BigInteger.ZERO, OptionalLong.empty(), false);

                assertThat(sent.exitCode())
                        .as("exit code on " + name + ", root read: " + readRoot)
                        .isZero();
                if (readRoot) {
                    assertThat(sent.blockId()).isNotZero();
                    assertThat(sent.codec()).isEqualTo(0x71);
                    assertThat(caller.blocks().get(sent.blockId()).links()).containsExactly(CALLEE_STATE);
                    assertThat(caller.blocks().isReachable(CALLEE_STATE)).isTrue();
                    assertThat(caller.blockOpen(CALLEE_STATE).size()).isEqualTo(CALLEE_STATE_DATA.length);
                } else {
                    // without self::root the callee's own state is not reachable to it, so it cannot link it
                    assertThat(sent.blockId()).isZero();
                    assertThat(caller.blocks().isReachable(CALLEE_STATE)).isFalse();
                }
            }
        }
    }
}

package org.fvmreplay.fvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fvmreplay.fvm.kernel.V4TestMachine.ACTOR;
import static org.fvmreplay.fvm.kernel.V4TestMachine.ACTOR_BALANCE;
import static org.fvmreplay.fvm.kernel.V4TestMachine.BURNT_BALANCE;
import static org.fvmreplay.fvm.kernel.V4TestMachine.CHILD;
import static org.fvmreplay.fvm.kernel.V4TestMachine.CHILD_DATA;
import static org.fvmreplay.fvm.kernel.V4TestMachine.STATE;
import static org.fvmreplay.fvm.kernel.V4TestMachine.STATE_DATA;
import static org.fvmreplay.fvm.kernel.V4TestMachine.UNRELATED;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.crypto.BlsSignatures;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.kernel.KernelV4.EventEntryHeader;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.trace.TraceEntry;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * The FVM v4 kernel's changed syscalls through a real {@link Machine} and {@link CallManager} over a hand-built state tree
 * ({@link V4TestMachine}); expected values from ref-fvm {@code master} {@code fvm/src/kernel/default.rs} and the
 * WATERMELON price list (network version 21).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelV4Test {
    private static final long EPOCH = 1000;
    private static final long LOOKBACK_FLAT = 146_200;
    private static final long LOOKBACK_SCALE = 75;

    private WasmEngine engine;
    private V4TestMachine vm;
    private KernelV4 kernel;

    @BeforeAll
    void startEngine() {
        engine = new ChicoryEngine(EngineConfig.reference());
    }

    @AfterAll
    void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void newMachine() {
        vm = V4TestMachine.create(EPOCH, engine);
        kernel = vm.kernel(false);
    }

    // ---- helpers ----

    private static void assertSyscallError(Runnable call, int errorNumber) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ExecutionError.class, e -> {
            assertThat(e.kind()).as("kind of: " + e.getMessage()).isEqualTo(ExecutionError.Kind.SYSCALL);
            assertThat(e.errorNumber()).as("error number of: " + e.getMessage()).isEqualTo(errorNumber);
        });
    }

    private static void assertKind(Runnable call, ExecutionError.Kind kind) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ExecutionError.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    /** Milligas {@code call} charged, whether or not it threw. */
    private long gasOf(Runnable call) {
        long before = kernel.gasTracker().used();
        try {
            call.run();
        } catch (ExecutionError e) {
            // measured all the same
        }
        return kernel.gasTracker().used() - before;
    }

    private List<TraceEntry.GasCharged> charges(String name) {
        List<TraceEntry.GasCharged> found = new ArrayList<>();
        for (TraceEntry entry : vm.callManager.gasTrace().entries()) {
            if (entry instanceof TraceEntry.GasCharged charge && charge.name().equals(name)) {
                found.add(charge);
            }
        }
        return found;
    }

    private static long milligas(long gas) {
        return gas * 1000;
    }

    // ---- blocks, root and reachability ----

    @Test
    void dagPbBlocksAreAnIllegalCodecAndCostNothing() {
        assertThat(gasOf(() -> assertSyscallError(
                        () -> kernel.blockCreate(0x70, new byte[] {0x0a, 0x00}), ErrorNumber.ILLEGAL_CODEC)))
                .isZero();
    }

    @Test
    void blocksOverOneMebibyteExceedTheLimit() {
        assertSyscallError(() -> kernel.blockCreate(Block.RAW, new byte[(1 << 20) + 1]), ErrorNumber.LIMIT_EXCEEDED);
        int id = kernel.blockCreate(Block.RAW, new byte[1 << 20]);
        assertThat(kernel.blockStat(id)).isEqualTo(new Kernel.BlockStat(Block.RAW, 1 << 20));
    }

    @Test
    void dagCborLinkingAnUnreachableCidIsNotFound() {
        byte[] linksUnrelated =
                new CborWriter(64).writeArrayHeader(1).writeCid(UNRELATED).toByteArray();
        assertSyscallError(() -> kernel.blockCreate(Block.DAG_CBOR, linksUnrelated), ErrorNumber.NOT_FOUND);
        // the same bytes as plain CBOR carry no links
        assertThat(kernel.blockCreate(Block.CBOR, linksUnrelated)).isEqualTo(1);
    }

    @Test
    void theRootIsReachableOnlyAfterRootAndOpensWithItsLinks() {
        assertSyscallError(() -> kernel.blockOpen(STATE), ErrorNumber.NOT_FOUND);
        byte[] linksChild =
                new CborWriter(64).writeArrayHeader(1).writeCid(CHILD).toByteArray();
        assertSyscallError(() -> kernel.blockCreate(Block.DAG_CBOR, linksChild), ErrorNumber.NOT_FOUND);

        assertThat(kernel.root()).isEqualTo(STATE);
        Kernel.OpenedBlock root = kernel.blockOpen(STATE);
        assertThat(root.codec()).isEqualTo(Block.DAG_CBOR);
        assertThat(root.size()).isEqualTo(STATE_DATA.length);
        assertThat(kernel.blockRead(root.id(), 0, STATE_DATA.length).data()).isEqualTo(STATE_DATA);

        // opening the root made its child reachable
        Kernel.OpenedBlock child = kernel.blockOpen(CHILD);
        assertThat(child.codec()).isEqualTo(Block.RAW);
        assertThat(kernel.blockRead(child.id(), 0, CHILD_DATA.length).data()).isEqualTo(CHILD_DATA);
        int created = kernel.blockCreate(Block.DAG_CBOR, linksChild);
        assertThat(kernel.blocks().get(created).links()).containsExactly(CHILD);
    }

    @Test
    void openingChargesTheBaseTheScanOfItsFieldsAndLinksAndTheTrackedLinks() {
        kernel.root();
        int before = vm.callManager.gasTrace().entries().size();
        kernel.blockOpen(STATE);
        // [1, CHILD]: an array header, an integer and a tag-42 field, one CID
        assertThat(vm.callManager
                        .gasTrace()
                        .entries()
                        .subList(before, vm.callManager.gasTrace().entries().size()))
                .map(e -> (TraceEntry.GasCharged) e)
                .extracting(c -> c.name() + " " + c.computeMilligas() + " " + c.storageMilligas())
                .containsExactly(
                        line(kernel.priceList().onBlockOpenBase()),
                        line(kernel.priceList().onScanIpldLinks(3, 1)),
                        line(kernel.priceList().onBlockOpen(STATE_DATA.length, 1)));
    }

    @Test
    void creatingDagCborChargesTheScanThenTheBlockWithItsLinks() {
        kernel.root();
        kernel.blockOpen(STATE);
        byte[] data = new CborWriter(64)
                .writeMapHeader(1)
                .writeText("c")
                .writeArrayHeader(2)
                .writeCid(CHILD)
                .writeCid(STATE)
                .toByteArray();
        int before = vm.callManager.gasTrace().entries().size();
        int id = kernel.blockCreate(Block.DAG_CBOR, data);
        assertThat(kernel.blocks().get(id).links()).containsExactly(CHILD, STATE);
        // map, key, array, two tags: 5 fields, 2 CIDs
        assertThat(vm.callManager
                        .gasTrace()
                        .entries()
                        .subList(before, vm.callManager.gasTrace().entries().size()))
                .map(e -> (TraceEntry.GasCharged) e)
                .extracting(c -> c.name() + " " + c.computeMilligas() + " " + c.storageMilligas())
                .containsExactly(
                        line(kernel.priceList().onScanIpldLinks(5, 2)),
                        line(kernel.priceList().onBlockCreate(data.length, 2)));
    }

    private static String line(org.fvmreplay.fvm.gas.GasCharge charge) {
        return charge.name() + " " + charge.computeMilligas() + " " + charge.otherMilligas();
    }

    @Test
    void openingAnUnreachableStoredBlockIsNotFoundAfterTheBaseCharge() {
        assertThat(vm.store.get(UNRELATED)).isNotNull();
        long gas = gasOf(() -> assertSyscallError(() -> kernel.blockOpen(UNRELATED), ErrorNumber.NOT_FOUND));
        assertThat(gas)
                .isEqualTo(kernel.priceList().onBlockOpenBase().totalMilligas())
                .isPositive();
    }

    @Test
    void linkedBlocksBecomeReachable() {
        int id = kernel.blockCreate(Block.RAW, new byte[] {1, 2, 3});
        Cid cid = kernel.blockLink(id, 0xb220, 32);
        assertThat(cid).isEqualTo(Cid.compute(Block.RAW, 0xb220, new byte[] {1, 2, 3}));
        assertThat(kernel.blocks().isReachable(cid)).isTrue();
        assertThat(kernel.blockOpen(cid).size()).isEqualTo(3);
    }

    @Test
    void setRootWithAnUnreachableCidIsNotFoundAndLeavesTheRoot() {
        long gas = gasOf(() -> assertSyscallError(() -> kernel.setRoot(UNRELATED), ErrorNumber.NOT_FOUND));
        assertThat(gas).isEqualTo(milligas(300));
        assertThat(vm.actor(ACTOR).orElseThrow().head()).isEqualTo(STATE);
    }

    @Test
    void setRootWithALinkedBlockReplacesTheRoot() {
        byte[] state = new CborWriter(16).writeArrayHeader(1).writeHead(0, 2).toByteArray();
        Cid newRoot = kernel.blockLink(kernel.blockCreate(Block.DAG_CBOR, state), 0xb220, 32);
        kernel.setRoot(newRoot);
        assertThat(vm.actor(ACTOR).orElseThrow().head()).isEqualTo(newRoot);
        assertThat(kernel.root()).isEqualTo(newRoot);
    }

    @Test
    void rootAndSetRootEachCost300Compute() {
        assertThat(gasOf(kernel::root)).isEqualTo(milligas(300));
        Cid root = kernel.root();
        kernel.setRoot(root);

        assertThat(charges("OnActorGetRoot")).hasSize(2).allSatisfy(c -> {
            assertThat(c.computeMilligas()).isEqualTo(milligas(300));
            assertThat(c.storageMilligas()).isZero();
        });
        assertThat(charges("OnActorSetRoot")).singleElement().satisfies(c -> {
            assertThat(c.computeMilligas()).isEqualTo(milligas(300));
            assertThat(c.storageMilligas()).isZero();
        });
    }

    @Test
    void setRootReadOnlyIsReadOnlyAndCostsNothing() {
        KernelV4 readOnly = vm.kernel(true);
        readOnly.root();
        long before = readOnly.gasTracker().used();
        assertSyscallError(() -> readOnly.setRoot(STATE), ErrorNumber.READ_ONLY);
        assertThat(readOnly.gasTracker().used()).isEqualTo(before);
    }

    // ---- self destruct ----

    @Test
    void withUnspentFundsAndNoBurnIsIllegalOperationAndChangesNothing() {
        assertSyscallError(() -> kernel.selfDestruct(false), ErrorNumber.ILLEGAL_OPERATION);
        assertThat(vm.actor(ACTOR)).get().extracting(ActorState::balance).isEqualTo(ACTOR_BALANCE);
        assertThat(vm.actor(Machine.BURNT_FUNDS_ACTOR_ID))
                .get()
                .extracting(ActorState::balance)
                .isEqualTo(BURNT_BALANCE);
    }

    @Test
    void burningMovesTheBalanceToF099AndDeletesTheActor() {
        kernel.selfDestruct(true);
        assertThat(vm.actor(ACTOR)).isEmpty();
        assertThat(vm.actor(Machine.BURNT_FUNDS_ACTOR_ID))
                .get()
                .extracting(ActorState::balance)
                .isEqualTo(BURNT_BALANCE.add(ACTOR_BALANCE));
        assertThat(kernel.currentBalance()).isZero();
        // the state root is gone with the actor
        assertSyscallError(kernel::root, ErrorNumber.ILLEGAL_OPERATION);
    }

    @Test
    void withoutFundsNoBurnIsNeeded() {
        vm = V4TestMachine.create(
                EPOCH,
                engine,
                Map.of(ACTOR, new ActorState(V4TestMachine.ACCOUNT_CODE, STATE, 0, BigInteger.ZERO, Optional.empty())));
        kernel = vm.kernel(false);
        kernel.selfDestruct(false);
        assertThat(vm.actor(ACTOR)).isEmpty();
        assertThat(vm.actor(Machine.BURNT_FUNDS_ACTOR_ID))
                .get()
                .extracting(ActorState::balance)
                .isEqualTo(BURNT_BALANCE);
    }

    @Test
    void readOnlyIsReadOnly() {
        KernelV4 readOnly = vm.kernel(true);
        assertSyscallError(() -> readOnly.selfDestruct(true), ErrorNumber.READ_ONLY);
        assertThat(readOnly.gasTracker().used()).isZero();
        assertThat(vm.actor(ACTOR)).get().extracting(ActorState::balance).isEqualTo(ACTOR_BALANCE);
    }

    // ---- randomness ----

    @Test
    void chainRandomnessIsTheExternDigestChargedByLookback() {
        byte[][] digest = new byte[1][];
        long gas = gasOf(() -> digest[0] = kernel.chainRandomness(990));
        assertThat(digest[0]).isEqualTo(V4TestMachine.TestExterns.chainDigest(990));
        assertThat(gas).isEqualTo(milligas(LOOKBACK_FLAT + LOOKBACK_SCALE * 10));
        assertThat(charges("OnGetRandomness")).singleElement().satisfies(c -> {
            assertThat(c.computeMilligas()).isZero();
            assertThat(c.storageMilligas()).isEqualTo(milligas(146_950));
        });
        assertThat(vm.externs.calls).containsExactly("chain 990");
    }

    @Test
    void beaconRandomnessIsTheExternDigestChargedByLookback() {
        byte[][] digest = new byte[1][];
        long gas = gasOf(() -> digest[0] = kernel.beaconRandomness(500));
        assertThat(digest[0]).isEqualTo(V4TestMachine.TestExterns.beaconDigest(500));
        assertThat(gas).isEqualTo(milligas(LOOKBACK_FLAT + LOOKBACK_SCALE * 500));
        assertThat(vm.externs.calls).containsExactly("beacon 500");
    }

    @Test
    void theCurrentEpochCostsTheFlatPrice() {
        assertThat(gasOf(() -> kernel.chainRandomness(EPOCH))).isEqualTo(milligas(LOOKBACK_FLAT));
    }

    @Test
    void aFutureEpochRunsOutOfGasBeforeAskingTheExterns() {
        assertKind(() -> kernel.chainRandomness(EPOCH + 1), ExecutionError.Kind.OUT_OF_GAS);
        assertThat(kernel.gasTracker().available()).isZero();
        newMachine();
        assertKind(() -> kernel.beaconRandomness(EPOCH + 1), ExecutionError.Kind.OUT_OF_GAS);
        assertThat(vm.externs.calls).isEmpty();
    }

    @Test
    void aLookbackThatOverflowsIsAnIllegalArgument() {
        assertSyscallError(() -> kernel.chainRandomness(Long.MIN_VALUE), ErrorNumber.ILLEGAL_ARGUMENT);
        assertThat(kernel.gasTracker().used()).isZero();
    }

    // ---- tipset CIDs ----

    /** The tipset tests run at epoch 2000. */
    private void atEpoch2000() {
        vm = V4TestMachine.create(2000, engine);
        kernel = vm.kernel(false);
    }

    @Test
    void negativeCurrentAndFutureEpochsAreIllegalArgumentsAndFree() {
        atEpoch2000();
        for (long epoch : new long[] {-1, 2000, 2001, Long.MAX_VALUE}) {
            assertSyscallError(() -> kernel.tipsetCid(epoch), ErrorNumber.ILLEGAL_ARGUMENT);
        }
        assertThat(kernel.gasTracker().used()).isZero();
        assertThat(vm.externs.calls).isEmpty();
    }

    @Test
    void lookbackBeyondFinalityIsAllowedAndChargedByLookback() {
        atEpoch2000();
        Cid[] cid = new Cid[1];
        long gas = gasOf(() -> cid[0] = kernel.tipsetCid(1000));
        assertThat(cid[0]).isEqualTo(V4TestMachine.TestExterns.tipset(1000));
        assertThat(gas).isEqualTo(milligas(LOOKBACK_FLAT + LOOKBACK_SCALE * 1000));
        assertThat(charges("OnTipsetCid")).singleElement().satisfies(c -> {
            assertThat(c.computeMilligas()).isZero();
            assertThat(c.storageMilligas()).isEqualTo(milligas(221_200));
        });
        // epoch 0 is a lookback of 2000
        assertThat(gasOf(() -> kernel.tipsetCid(0))).isEqualTo(milligas(LOOKBACK_FLAT + LOOKBACK_SCALE * 2000));
        assertThat(gasOf(() -> kernel.tipsetCid(1999))).isEqualTo(milligas(LOOKBACK_FLAT + LOOKBACK_SCALE));
    }

    @Test
    void aFailingExternIsFatal() {
        atEpoch2000();
        vm.externs.tipsetFailure = new IllegalStateException("no such tipset");
        assertKind(() -> kernel.tipsetCid(1500), ExecutionError.Kind.FATAL);
        assertThat(vm.externs.calls).containsExactly("tipset 1500");
    }

    // ---- events ----

    private static final long RAW = 0x55;
    private static final long CBOR = 0x51;

    private static EventEntryHeader entry(long flags, long codec, long keyLength, long valueLength) {
        return new EventEntryHeader(flags, codec, keyLength, valueLength);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void assertRejected(List<EventEntryHeader> headers, byte[] keys, byte[] values, int errorNumber) {
        long gas = gasOf(() -> assertSyscallError(() -> kernel.emitEvent(headers, keys, values), errorNumber));
        // charged before any check fails
        assertThat(gas)
                .isEqualTo(kernel.priceList()
                        .onActorEvent(headers.size(), keys.length, values.length)
                        .totalMilligas())
                .isPositive();
        assertThat(vm.callManager.events()).isEmpty();
    }

    @Test
    void moreThan255EntriesExceedTheLimit() {
        assertRejected(
                Collections.nCopies(256, entry(0, RAW, 0, 0)), new byte[0], new byte[0], ErrorNumber.LIMIT_EXCEEDED);
        kernel.emitEvent(Collections.nCopies(255, entry(0, RAW, 0, 0)), new byte[0], new byte[0]);
        assertThat(vm.callManager.events()).hasSize(1);
    }

    @Test
    void valuesOver8KiBInTotalExceedTheLimit() {
        assertRejected(List.of(entry(0, RAW, 1, 8193)), utf8("k"), new byte[8193], ErrorNumber.LIMIT_EXCEEDED);
        assertRejected(
                List.of(entry(0, RAW, 1, 4097), entry(0, RAW, 1, 4096)),
                utf8("ab"),
                new byte[8193],
                ErrorNumber.LIMIT_EXCEEDED);
        kernel.emitEvent(List.of(entry(0, RAW, 1, 8192)), utf8("k"), new byte[8192]);
        assertThat(vm.callManager.events()).hasSize(1);
    }

    @Test
    void invalidUtf8KeysAreIllegalArguments() {
        assertRejected(
                List.of(entry(0, RAW, 1, 0)), new byte[] {(byte) 0xff}, new byte[0], ErrorNumber.ILLEGAL_ARGUMENT);
    }

    @Test
    void aKeyThatSplitsACharacterIsAnIllegalArgument() {
        // "é" is two bytes; two one-byte keys would split it
        assertRejected(
                List.of(entry(0, RAW, 1, 0), entry(0, RAW, 1, 0)),
                utf8("é"),
                new byte[0],
                ErrorNumber.ILLEGAL_ARGUMENT);
    }

    @Test
    void unknownFlagBitsAreIllegalArguments() {
        assertRejected(List.of(entry(0b100, RAW, 1, 0)), utf8("k"), new byte[0], ErrorNumber.ILLEGAL_ARGUMENT);
        assertRejected(List.of(entry(Long.MIN_VALUE, RAW, 1, 0)), utf8("k"), new byte[0], ErrorNumber.ILLEGAL_ARGUMENT);
    }

    @Test
    void keysOver31BytesExceedTheLimit() {
        String key32 = "k".repeat(32);
        assertRejected(List.of(entry(0, RAW, 32, 0)), utf8(key32), new byte[0], ErrorNumber.LIMIT_EXCEEDED);
        kernel.emitEvent(List.of(entry(0, RAW, 31, 0)), utf8(key32.substring(1)), new byte[0]);
        assertThat(vm.callManager.events()).hasSize(1);
    }

    @Test
    void dagCborValuesAreAnIllegalCodec() {
        assertRejected(List.of(entry(0, 0x71, 1, 1)), utf8("k"), new byte[] {0x00}, ErrorNumber.ILLEGAL_CODEC);
    }

    @Test
    void cborValuesAreAccepted() {
        kernel.emitEvent(List.of(entry(0, CBOR, 1, 1)), utf8("k"), new byte[] {(byte) 0xf6});
        assertThat(vm.callManager.events()).hasSize(1);
    }

    @Test
    void leftoverKeyOrValueBytesAreIllegalArguments() {
        assertRejected(List.of(entry(0, RAW, 1, 0)), utf8("ab"), new byte[0], ErrorNumber.ILLEGAL_ARGUMENT);
        assertRejected(List.of(entry(0, RAW, 1, 1)), utf8("a"), new byte[] {1, 2}, ErrorNumber.ILLEGAL_ARGUMENT);
    }

    @Test
    void keysOrValuesPastTheirBuffersAreIllegalArguments() {
        assertRejected(List.of(entry(0, RAW, 2, 0)), utf8("a"), new byte[0], ErrorNumber.ILLEGAL_ARGUMENT);
        assertRejected(List.of(entry(0, RAW, 1, 3)), utf8("a"), new byte[] {1, 2}, ErrorNumber.ILLEGAL_ARGUMENT);
    }

    @Test
    void readOnlyIsReadOnlyAndCostsNothing() {
        KernelV4 readOnly = vm.kernel(true);
        assertSyscallError(
                () -> readOnly.emitEvent(List.of(entry(0, RAW, 1, 0)), utf8("k"), new byte[0]), ErrorNumber.READ_ONLY);
        assertThat(readOnly.gasTracker().used()).isZero();
        assertThat(vm.callManager.events()).isEmpty();
    }

    @Test
    void theEventIsEncodedAsTheListOfEntryTuples() {
        long gas = gasOf(() -> kernel.emitEvent(
                List.of(entry(0b11, RAW, 2, 3), entry(0b01, CBOR, 1, 0)), utf8("k1a"), new byte[] {1, 2, 3}));
        assertThat(gas).isEqualTo(kernel.priceList().onActorEvent(2, 3, 3).totalMilligas());

        assertThat(vm.callManager.events()).singleElement().satisfies(event -> {
            assertThat(event.emitter()).isEqualTo(ACTOR);
            // fvm_shared's ActorEvent is #[serde(transparent)]: [ [3, "k1", 0x55, h'010203'], [1, "a", 0x51, h''] ]
            assertThat(HexFormat.of().formatHex(event.encoded()))
                    .isEqualTo(
                            "82" + "84" + "03" + "626b31" + "1855" + "43010203" + "84" + "01" + "6161" + "1851" + "40");
        });
    }

    /**
     * The event of the EVM message Lotus executed at epoch 22 of {@code /work/shared/chains/devnet-c} (network version 21,
     * emitter f01017): the only value of its events AMT is the StampedEvent
     * {@code [1017, [[3, "t1", 0x55, topic], [3, "d", 0x55, data]]]}, so the emitted event must encode as that entry list.
     */
    @Test
    void anEvmLogEncodesAsLotusStoredItOnChain() {
        byte[] topic = HexFormat.of().parseHex("8db3b20eed31d927a4f613b5c11765212e129cf726d025649650665569ea683b");
        byte[] data = HexFormat.of().parseHex("0000000000000000000000006778922bd38a3edd68848f48ef9afa21d1d6962c");
        byte[] values = java.util.Arrays.copyOf(topic, 64);
        System.arraycopy(data, 0, values, 32, 32);

        kernel.emitEvent(List.of(entry(0b11, RAW, 2, 32), entry(0b11, RAW, 1, 32)), utf8("t1d"), values);

        byte[] stamped = new CborWriter(128)
                .writeArrayHeader(2)
                .writeHead(0, 1017)
                .writeRaw(vm.callManager.events().get(0).encoded())
                .toByteArray();
        assertThat(HexFormat.of().formatHex(stamped))
                .isEqualTo(
                        "821903f9828403627431185558208db3b20eed31d927a4f613b5c11765212e129cf726d025649650665569ea683b"
                                + "84036164185558200000000000000000000000006778922bd38a3edd68848f48ef9afa21d1d6962c");
    }

    // ---- BLS aggregates ----

    private static final byte[] NO_SIGNATURE = new byte[BlsSignatures.SIGNATURE_LENGTH];

    record Signer(byte[] publicKey, SecretKey secret) {
        static Signer of(int seed) {
            byte[] ikm = new byte[32];
            java.util.Arrays.fill(ikm, (byte) seed);
            SecretKey secret = new SecretKey();
            secret.keygen(ikm);
            return new Signer(new P1(secret).compress(), secret);
        }

        P2 sign(byte[] message) {
            return new P2().hash_to(message, BlsSignatures.DST).sign_with(secret);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] aggregate(P2 first, P2 second) {
        P2 sum = first.dup();
        sum.aggregate(second.to_affine());
        return sum.compress();
    }

    @Test
    void zeroSignersVerify() {
        assertThat(kernel.verifyBlsAggregate(NO_SIGNATURE, List.of(), new byte[0], new long[0]))
                .isTrue();
    }

    @Test
    void unequalCountsAreIllegalArgumentsBeforeCharging() {
        Signer a = Signer.of(1);
        long gas = gasOf(() -> assertSyscallError(
                () -> kernel.verifyBlsAggregate(NO_SIGNATURE, List.of(a.publicKey()), new byte[0], new long[0]),
                ErrorNumber.ILLEGAL_ARGUMENT));
        assertThat(gas).isZero();
    }

    @Test
    void plaintextLengthsNotCoveringTheBufferAreIllegalArguments() {
        Signer a = Signer.of(1);
        Signer b = Signer.of(2);
        List<byte[]> keys = List.of(a.publicKey(), b.publicKey());
        // too short: one byte left over
        long gas = gasOf(() -> assertSyscallError(
                () -> kernel.verifyBlsAggregate(NO_SIGNATURE, keys, new byte[5], new long[] {2, 2}),
                ErrorNumber.ILLEGAL_ARGUMENT));
        assertThat(gas)
                .isEqualTo(kernel.priceList().onVerifyAggregateSignature(2, 5).totalMilligas());
        // too long: past the end
        assertSyscallError(
                () -> kernel.verifyBlsAggregate(NO_SIGNATURE, keys, new byte[5], new long[] {2, 4}),
                ErrorNumber.ILLEGAL_ARGUMENT);
    }

    @Test
    void aValidTwoSignerAggregateVerifiesAndATamperedOneDoesNot() {
        Signer a = Signer.of(1);
        Signer b = Signer.of(2);
        byte[] m1 = "first message".getBytes(StandardCharsets.UTF_8);
        byte[] m2 = "second".getBytes(StandardCharsets.UTF_8);
        byte[] signature = aggregate(a.sign(m1), b.sign(m2));
        List<byte[]> keys = List.of(a.publicKey(), b.publicKey());
        long[] lengths = {m1.length, m2.length};

        long gas = gasOf(() -> assertThat(kernel.verifyBlsAggregate(signature, keys, concat(m1, m2), lengths))
                .isTrue());
        assertThat(gas)
                .isEqualTo(kernel.priceList()
                        .onVerifyAggregateSignature(2, m1.length + m2.length)
                        .totalMilligas());

        byte[] tampered = concat(m1, m2);
        tampered[tampered.length - 1] ^= 1;
        assertThat(kernel.verifyBlsAggregate(signature, keys, tampered, lengths))
                .isFalse();
        // keys swapped
        assertThat(kernel.verifyBlsAggregate(signature, List.of(b.publicKey(), a.publicKey()), concat(m1, m2), lengths))
                .isFalse();
        // same bytes, split differently
        assertThat(kernel.verifyBlsAggregate(
                        signature, keys, concat(m1, m2), new long[] {m1.length - 1, m2.length + 1}))
                .isFalse();
    }

    @Test
    void duplicateMessagesDoNotVerify() {
        Signer a = Signer.of(1);
        Signer b = Signer.of(2);
        byte[] m = "same".getBytes(StandardCharsets.UTF_8);
        byte[] signature = aggregate(a.sign(m), b.sign(m));
        assertThat(kernel.verifyBlsAggregate(
                        signature, List.of(a.publicKey(), b.publicKey()), concat(m, m), new long[] {m.length, m.length
                        }))
                .isFalse();
    }

    @Test
    void malformedPointsVerifyFalse() {
        Signer a = Signer.of(1);
        byte[] m = "m".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = new byte[BlsSignatures.SIGNATURE_LENGTH];
        java.util.Arrays.fill(garbage, (byte) 0x11);
        assertThat(kernel.verifyBlsAggregate(garbage, List.of(a.publicKey()), m, new long[] {1}))
                .isFalse();
    }
}

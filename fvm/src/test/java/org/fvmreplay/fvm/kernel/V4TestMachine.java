package org.fvmreplay.fvm.kernel;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.fvmreplay.fvm.callmanager.CallManager;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.externs.Externs;
import org.fvmreplay.fvm.machine.Machine;
import org.fvmreplay.fvm.machine.MachineContext;
import org.fvmreplay.fvm.machine.NetworkConfig;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.fvmreplay.ipld.hamt.Hamt;

/**
 * A network version 21 (FVM v4) machine, or one of another version, over a hand-built state tree in a {@link MemoryBlockstore}: a system actor naming
 * a three-entry manifest (system, init, account; fake code CIDs), the burnt funds actor f099, and a test actor f01000 with
 * a balance and a DAG-CBOR state {@code [1, CHILD]} whose child block is stored too. Externs answer digests derived from
 * the epoch and count the calls.
 */
public final class V4TestMachine {
    public static final long ORIGIN = 100;
    public static final long ACTOR = 1000;
    public static final BigInteger ACTOR_BALANCE = BigInteger.valueOf(123_456_789);
    public static final BigInteger BURNT_BALANCE = BigInteger.valueOf(1_000);
    public static final long GAS_LIMIT = 10_000_000_000L;

    public static final Cid SYSTEM_CODE = code("system");
    public static final Cid INIT_CODE = code("init");
    public static final Cid ACCOUNT_CODE = code("account");

    /** A raw block the test actor's state links to. */
    public static final byte[] CHILD_DATA = "child block".getBytes(StandardCharsets.UTF_8);

    public static final Cid CHILD = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, CHILD_DATA);
    public static final byte[] STATE_DATA = new CborWriter(64)
            .writeArrayHeader(2)
            .writeHead(0, 1)
            .writeCid(CHILD)
            .toByteArray();
    public static final Cid STATE = Cid.forDagCbor(STATE_DATA);
    /** Stored, but nothing the actor can reach links to it. */
    public static final byte[] UNRELATED_DATA = "unrelated".getBytes(StandardCharsets.UTF_8);

    public static final Cid UNRELATED = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, UNRELATED_DATA);

    public final MemoryBlockstore store = new MemoryBlockstore();
    public final TestExterns externs = new TestExterns();
    public final Machine machine;
    public final CallManager callManager;

    private V4TestMachine(int networkVersion, long epoch, WasmEngine engine, Map<Long, ActorState> extraActors) {
        Cid manifest = put(new CborWriter(128)
                .writeArrayHeader(3)
                .writeArrayHeader(2)
                .writeText("system")
                .writeCid(SYSTEM_CODE)
                .writeArrayHeader(2)
                .writeText("init")
                .writeCid(INIT_CODE)
                .writeArrayHeader(2)
                .writeText("account")
                .writeCid(ACCOUNT_CODE)
                .toByteArray());
        Cid systemState =
                put(new CborWriter(64).writeArrayHeader(1).writeCid(manifest).toByteArray());
        Cid empty = put(new byte[] {(byte) 0x80});
        store.put(CHILD, CHILD_DATA);
        store.put(UNRELATED, UNRELATED_DATA);
        put(STATE_DATA);

        Map<Long, ActorState> actors = new LinkedHashMap<>();
        actors.put(
                Machine.SYSTEM_ACTOR_ID,
                new ActorState(SYSTEM_CODE, systemState, 0, BigInteger.ZERO, Optional.empty()));
        actors.put(
                Machine.BURNT_FUNDS_ACTOR_ID, new ActorState(ACCOUNT_CODE, empty, 0, BURNT_BALANCE, Optional.empty()));
        actors.put(ORIGIN, new ActorState(ACCOUNT_CODE, empty, 0, BigInteger.valueOf(1_000_000), Optional.empty()));
        actors.put(ACTOR, new ActorState(ACCOUNT_CODE, STATE, 0, ACTOR_BALANCE, Optional.empty()));
        actors.putAll(extraActors);
        Hamt hamt = Hamt.create(store);
        actors.forEach((id, state) -> hamt.set(Address.id(id).toBytes(), state.encode(5)));
        Cid stateRoot = put(new CborWriter(96)
                .writeArrayHeader(3)
                .writeHead(0, 5)
                .writeCid(hamt.flush())
                .writeCid(empty)
                .toByteArray());

        NetworkConfig network = NetworkConfig.forNetworkVersion(networkVersion);
        MachineContext context =
                new MachineContext(network, epoch, 1_700_000_000L, BigInteger.valueOf(100), BigInteger.ZERO, stateRoot);
        machine = Machine.create(context, store, externs, engine, true);
        callManager = new CallManager(
                machine,
                GAS_LIMIT,
                ORIGIN,
                Address.id(ORIGIN),
                OptionalLong.of(ACTOR),
                Address.id(ACTOR),
                0,
                BigInteger.ZERO);
    }

    public static V4TestMachine create(long epoch, WasmEngine engine) {
        return new V4TestMachine(21, epoch, engine, Map.of());
    }

    /** The same state under another network version (18 to 20 run FVM v3). */
    public static V4TestMachine create(int networkVersion, long epoch, WasmEngine engine) {
        return new V4TestMachine(networkVersion, epoch, engine, Map.of());
    }

    public static V4TestMachine create(long epoch, WasmEngine engine, Map<Long, ActorState> extraActors) {
        return new V4TestMachine(21, epoch, engine, extraActors);
    }

    /** A kernel for a call from {@link #ORIGIN} to {@link #ACTOR}, as the call manager makes one. */
    public KernelV4 kernel(boolean readOnly) {
        return new KernelV4(callManager, new BlockRegistry(), ORIGIN, ACTOR, 2, BigInteger.ZERO, readOnly);
    }

    public Optional<ActorState> actor(long id) {
        return machine.stateTree().actor(id);
    }

    private Cid put(byte[] dagCbor) {
        Cid cid = Cid.forDagCbor(dagCbor);
        store.put(cid, dagCbor);
        return cid;
    }

    private static Cid code(String name) {
        return Cid.compute(
                Multicodec.RAW, MultihashCode.BLAKE2B_256, ("fil/test/" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** Digests derived from the epoch (chain: byte i = epoch + i, beacon: 0xB0 ^ that), every call recorded. */
    public static final class TestExterns implements Externs {
        public final List<String> calls = new ArrayList<>();
        public RuntimeException tipsetFailure;

        public static byte[] chainDigest(long epoch) {
            byte[] digest = new byte[32];
            for (int i = 0; i < 32; i++) {
                digest[i] = (byte) (epoch + i);
            }
            return digest;
        }

        public static byte[] beaconDigest(long epoch) {
            byte[] digest = chainDigest(epoch);
            for (int i = 0; i < 32; i++) {
                digest[i] ^= (byte) 0xB0;
            }
            return digest;
        }

        public static Cid tipset(long epoch) {
            return Cid.forDagCbor(
                    new CborWriter(16).writeArrayHeader(1).writeHead(0, epoch).toByteArray());
        }

        @Override
        public byte[] chainRandomness(long epoch) {
            calls.add("chain " + epoch);
            return chainDigest(epoch);
        }

        @Override
        public byte[] beaconRandomness(long epoch) {
            calls.add("beacon " + epoch);
            return beaconDigest(epoch);
        }

        @Override
        public Cid tipsetCid(long epoch) {
            calls.add("tipset " + epoch);
            if (tipsetFailure != null) {
                throw tipsetFailure;
            }
            return tipset(epoch);
        }

        @Override
        public String toString() {
            return Arrays.toString(calls.toArray());
        }
    }
}

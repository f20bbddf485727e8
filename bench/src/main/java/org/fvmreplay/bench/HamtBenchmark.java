package org.fvmreplay.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.Hamt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HAMT operations per second on a state-tree-shaped map: ID-address keys, small CBOR values,
 * bit width 5. "Warm" reuses one loaded HAMT (nodes cached); "cold" loads from the root each time,
 * as the VM does for an actor's state it has not touched yet in a message.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class HamtBenchmark {
    @Param({"100000"})
    public int size;

    private MemoryBlockstore store;
    private Cid root;
    private Hamt warm;
    private byte[][] keys;
    private byte[] value;
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void build() {
        store = new MemoryBlockstore();
        Hamt hamt = Hamt.create(store);
        keys = new byte[size][];
        value = new CborWriter()
                .writeArrayHeader(2)
                .writeLong(7)
                .writeBytes(new byte[] {0, 1, 2, 3})
                .toByteArray();
        for (int i = 0; i < size; i++) {
            keys[i] = Address.id(1000 + i).toBytes();
            hamt.set(keys[i], value);
        }
        root = hamt.flush();
        warm = Hamt.load(root, store);
        random = new SplittableRandom(42);
    }

    @Benchmark
    public byte[] getWarm() {
        return warm.get(keys[random.nextInt(size)]);
    }

    @Benchmark
    public byte[] getCold() {
        return Hamt.load(root, store).get(keys[random.nextInt(size)]);
    }

    /** Overwrites an existing key in a loaded HAMT (no flush). */
    @Benchmark
    public byte[] setWarm() {
        return warm.set(keys[random.nextInt(size)], value);
    }

    /** 100 sets then a flush, per operation: the cost a message pays to persist its writes. */
    @Benchmark
    public Cid set100AndFlush() {
        Hamt h = Hamt.load(root, store);
        for (int i = 0; i < 100; i++) {
            h.set(Address.id(10_000_000L + random.nextInt(1 << 30)).toBytes(), value);
        }
        return h.flush();
    }
}

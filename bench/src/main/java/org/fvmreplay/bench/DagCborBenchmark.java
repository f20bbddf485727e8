package org.fvmreplay.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.model.IpldValue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * DAG-CBOR throughput over the real blocks of chain4.car (headers, messages, state): the
 * {@code bytes} counter reports bytes per second. {@code tokenizeJackson} is the baseline that
 * decides whether jackson-dataformat-cbor could replace our strict reader as tokenizer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DagCborBenchmark {

    /** The corpus, decoded once for the encode benchmark. */
    @State(Scope.Benchmark)
    public static class Corpus {
        List<byte[]> blocks;
        List<IpldValue> values;
        long bytes;
        final CBORFactory jackson = new CBORFactory();

        @Setup
        public void load() {
            blocks = BlockCorpus.dagCborBlocks("chain4.car");
            values = blocks.stream().map(DagCbor::decode).toList();
            bytes = BlockCorpus.totalBytes(blocks);
        }
    }

    /** Counts bytes processed, so JMH reports bytes/s next to passes/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Benchmark
    public void decodeToDataModel(Corpus c, Throughput t, Blackhole bh) {
        for (byte[] block : c.blocks) {
            bh.consume(DagCbor.decode(block));
        }
        t.bytes += c.bytes;
    }

    @Benchmark
    public void encodeFromDataModel(Corpus c, Throughput t, Blackhole bh) {
        for (IpldValue v : c.values) {
            bh.consume(DagCbor.encode(v));
        }
        t.bytes += c.bytes;
    }

    /** Our strict reader walking every item (the tokenizer alone, no data model). */
    @Benchmark
    public void tokenizeStrictReader(Corpus c, Throughput t, Blackhole bh) {
        for (byte[] block : c.blocks) {
            CborReader r = CborReader.strict(block);
            r.skip();
            bh.consume(r.position());
        }
        t.bytes += c.bytes;
    }

    /** jackson-dataformat-cbor walking every token, reading scalars (it checks none of DAG-CBOR's rules). */
    @Benchmark
    public void tokenizeJackson(Corpus c, Throughput t, Blackhole bh) throws IOException {
        for (byte[] block : c.blocks) {
            try (JsonParser p = c.jackson.createParser(block)) {
                for (JsonToken tok; (tok = p.nextToken()) != null; ) {
                    if (tok == JsonToken.VALUE_EMBEDDED_OBJECT) {
                        bh.consume(p.getBinaryValue());
                    } else if (tok == JsonToken.VALUE_NUMBER_INT) {
                        bh.consume(p.getNumberValue());
                    } else if (tok == JsonToken.VALUE_STRING || tok == JsonToken.FIELD_NAME) {
                        bh.consume(p.getText());
                    }
                }
            }
        }
        t.bytes += c.bytes;
    }
}

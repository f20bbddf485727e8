package org.fvmreplay.analytics.parquet;

import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Write-only ZSTD pages through zstd-jni. Parquet-java's own CodecFactory goes through Hadoop's CompressionCodec classes;
 * this one lets the writer run without Hadoop on the class path. The output is standard ZSTD frames, as any reader expects.
 */
final class ZstdCodecFactory implements CompressionCodecFactory {
    private final int level;
    // ParquetWriter releases the factory, not the compressor it got from it, when it closes
    private final List<Compressor> compressors = new ArrayList<>();

    ZstdCodecFactory(int level) {
        this.level = level;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        if (codecName != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("only ZSTD is supported: " + codecName);
        }
        Compressor compressor = new Compressor(level);
        compressors.add(compressor);
        return compressor;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        // the files are read by DuckDB, pandas, Spark: never by this writer
        throw new UnsupportedOperationException("ZstdCodecFactory only writes");
    }

    @Override
    public void release() {
        compressors.forEach(Compressor::release);
        compressors.clear();
    }

    /** One per file writer, used by one thread: a reused zstd context saves allocating one per page. */
    private static final class Compressor implements BytesInputCompressor {
        private final ZstdCompressCtx context = new ZstdCompressCtx();

        Compressor(int level) {
            context.setLevel(level);
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(context.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
            context.close();
        }
    }
}

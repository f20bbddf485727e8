package org.fvmreplay.importer;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar for the CLI: file bytes done out of the file size (so MB/s and the ETA are
 * about the file), with blocks/s and the block count as the extra message.
 */
public final class ConsoleProgress implements ImportListener {
    private final PrintStream out;
    private ProgressBar bar;
    private long startNanos;

    public ConsoleProgress(PrintStream out) {
        this.out = requireNonNull(out, "out");
    }

    @Override
    public void started(Path file, long totalBytes, long resumedAt) {
        startNanos = System.nanoTime();
        bar = new ProgressBarBuilder()
                .setTaskName(file.getFileName().toString())
                .setInitialMax(totalBytes)
                .setUnit(" MiB", 1 << 20)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public void progress(long inputBytes, long blocks, long blockBytes) {
        if (bar == null) {
            return;
        }
        bar.stepTo(inputBytes);
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        bar.setExtraMessage(String.format(" %,d blocks, %,.0f blocks/s", blocks, blocks / seconds));
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

package org.fvmreplay.importer;

import java.nio.file.Path;

/**
 * Hears about an import's progress (the CLI draws a progress bar). Called from the writing thread,
 * except the SST loading steps, which come from the loading thread.
 */
public interface ImportListener {
    ImportListener NONE = new ImportListener() {};

    /**
     * The import of {@code file} starts; {@code totalBytes} is the file size. When resuming,
     * {@code resumedAt} is the checkpoint (CARv1 payload offset); the file is still read from its
     * start, but sections before the checkpoint are skipped without hashing or writing.
     */
    default void started(Path file, long totalBytes, long resumedAt) {}

    /** Input consumed so far (file bytes), and blocks and block bytes written by this run. */
    default void progress(long inputBytes, long blocks, long blockBytes) {}

    /**
     * {@link BulkMode#SST}: the SST files of every block before CAR payload offset
     * {@code checkpointOffset} are written and synced, not yet ingested (tests crash here).
     */
    default void tablesWritten(long checkpointOffset) {}

    /** {@link BulkMode#SST}: those files are ingested; the checkpoint record comes next. */
    default void tablesIngested(long checkpointOffset) {}

    /** The import ended, successfully or not. */
    default void finished() {}
}

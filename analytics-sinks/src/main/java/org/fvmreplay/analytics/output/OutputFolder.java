package org.fvmreplay.analytics.output;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fvmreplay.analytics.parquet.ParquetSettings;
import org.fvmreplay.analytics.parquet.TableFileWriter;
import org.fvmreplay.analytics.schema.Schemas;
import org.fvmreplay.analytics.schema.Table;

/**
 * The output folder of a replay run: one folder per table holding one Parquet file per chunk of epochs, a manifest per
 * finished chunk, the run descriptor and the schema document.
 *
 * <pre>
 * DIR/_run.json                                   what the run is (identity, tables, schema hash); checked on reopen
 * DIR/SCHEMA.md                                   the tables, generated from the code
 * DIR/&lt;table&gt;/epochs-000000100-000000199.parquet  one file per selected table and chunk, empty tables included
 * DIR/_manifests/epochs-000000100-000000199.json   written last: the chunk is finished iff it exists
 * DIR/_staging/                                   chunks being written; deleted when the folder is opened
 * </pre>
 *
 * A chunk is written to its own staging folder and moved into place by {@link ChunkWriter#commit}: a killed run leaves
 * only unfinished chunks, which {@link #open} cleans up and a rerun redoes, replacing their files under the same names.
 * The methods are safe to call from several threads; each chunk writer belongs to one.
 */
public final class OutputFolder {
    /** The run descriptor. */
    public static final String RUN_FILE = "_run.json";
    /** The schema document. */
    public static final String SCHEMA_FILE = "SCHEMA.md";
    /** The folder of chunk manifests. */
    public static final String MANIFESTS = "_manifests";
    /** The folder of chunks being written. */
    public static final String STAGING = "_staging";

    static final String PARQUET = ".parquet";
    static final String JSON = ".json";

    private final Path dir;
    private final RunDescriptor run;
    private final List<Table<?>> tables;
    private final ParquetSettings settings;

    private OutputFolder(Path dir, RunDescriptor run, List<Table<?>> tables, ParquetSettings settings) {
        this.dir = dir;
        this.run = run;
        this.tables = tables;
        this.settings = settings;
    }

    /** {@link #open(Path, Map, List, ParquetSettings)} with the default Parquet settings. */
    public static OutputFolder open(Path dir, Map<String, String> identity, List<Table<?>> tables) throws IOException {
        return open(dir, identity, tables, ParquetSettings.DEFAULT);
    }

    /**
     * Opens the folder of a run, creating it when {@code dir} does not exist or is empty, resuming it when its
     * {@code _run.json} matches {@code identity}, {@code tables} and their schemas. Resuming deletes what a killed run
     * left: the staging folder and table files of chunks without a manifest. Call it once per run, before any writer of
     * the run starts (other processes or tasks use {@link #attach}).
     *
     * @param identity what makes two runs the same dataset: store, engine, price list, chunk size...; recorded in
     *     {@code _run.json}
     * @throws OutputFolderException when the folder holds another run or is a non-empty folder that is not a run's; then
     *     nothing was written or deleted
     */
    public static OutputFolder open(
            Path dir, Map<String, String> identity, List<Table<?>> tables, ParquetSettings settings)
            throws IOException {
        Path root = requireNonNull(dir, "dir is null").toAbsolutePath().normalize();
        List<Table<?>> selected = checkTables(tables);
        RunDescriptor wanted = RunDescriptor.of(requireNonNull(identity, "identity is null"), selected, Instant.now());
        requireNonNull(settings, "settings is null");
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new OutputFolderException(
                    "output folder " + root + " is a file; choose another output folder (--out)");
        }
        Path runFile = root.resolve(RUN_FILE);
        if (Files.exists(runFile)) {
            RunDescriptor existing = Json.run(runFile);
            mustMatch(root, existing, wanted);
            OutputFolder folder = new OutputFolder(root, existing, selected, settings);
            folder.recover();
            folder.createLayout();
            return folder;
        }
        List<String> foreign = entries(root).stream()
                .filter(name -> !name.equals(STAGING))
                .sorted()
                .toList();
        if (!foreign.isEmpty()) {
            throw new OutputFolderException("output folder " + root + " is not empty and has no " + RUN_FILE
                    + ", so it is not a replay output folder (it holds "
                    + foreign.stream().limit(5).collect(Collectors.joining(", ")) + (foreign.size() > 5 ? ", ..." : "")
                    + "); choose another output folder (--out), or an empty or new one");
        }
        // a fresh folder (or one whose creation was killed before _run.json): descriptor first, so that a kill after it
        // leaves a folder this method resumes
        Files.createDirectories(root);
        FileOps.deleteRecursively(root.resolve(STAGING));
        FileOps.writeAtomically(runFile, Json.run(wanted), root.resolve(STAGING));
        OutputFolder folder = new OutputFolder(root, wanted, selected, settings);
        folder.createLayout();
        FileOps.deleteRecursively(root.resolve(STAGING));
        return folder;
    }

    /**
     * Joins a run that {@link #open} prepared, for writers in other processes or tasks (a Flink job's subtasks): checks
     * {@code _run.json} like {@code open} but creates and deletes nothing, so concurrent writers leave each other alone.
     */
    public static OutputFolder attach(
            Path dir, Map<String, String> identity, List<Table<?>> tables, ParquetSettings settings)
            throws IOException {
        Path root = requireNonNull(dir, "dir is null").toAbsolutePath().normalize();
        List<Table<?>> selected = checkTables(tables);
        RunDescriptor wanted = RunDescriptor.of(requireNonNull(identity, "identity is null"), selected, Instant.now());
        requireNonNull(settings, "settings is null");
        Path runFile = root.resolve(RUN_FILE);
        if (!Files.exists(runFile)) {
            throw new OutputFolderException("output folder " + root + " has no " + RUN_FILE
                    + ": open the run (OutputFolder.open) before attaching writers");
        }
        RunDescriptor existing = Json.run(runFile);
        mustMatch(root, existing, wanted);
        return new OutputFolder(root, existing, selected, settings);
    }

    /** The run folder (absolute). */
    public Path dir() {
        return dir;
    }

    /** The selected tables, in the caller's order. */
    public List<Table<?>> tables() {
        return tables;
    }

    /** The identity recorded in {@code _run.json}. */
    public Map<String, String> identity() {
        return run.identity();
    }

    /** The file of {@code table} for {@code chunk}: {@code DIR/<table>/epochs-FROM-TO.parquet}. */
    public Path tableFile(Table<?> table, EpochChunk chunk) {
        return dir.resolve(table.name()).resolve(chunk.name() + PARQUET);
    }

    /** Whether {@code chunk} is finished: its manifest exists. */
    public boolean isFinished(EpochChunk chunk) {
        return Files.exists(manifestFile(chunk));
    }

    /** The manifests of the finished chunks, by epoch; a rerun skips these. */
    public List<ChunkManifest> finishedChunks() throws IOException {
        List<ChunkManifest> manifests = new ArrayList<>();
        for (EpochChunk chunk : finishedChunkRanges()) {
            manifests.add(Json.manifest(manifestFile(chunk)));
        }
        return manifests;
    }

    /** The manifest of {@code chunk}, when finished. */
    public Optional<ChunkManifest> manifest(EpochChunk chunk) throws IOException {
        Path file = manifestFile(chunk);
        return Files.exists(file) ? Optional.of(Json.manifest(file)) : Optional.empty();
    }

    /**
     * Starts writing the chunk of tipsets {@code fromEpoch..toEpoch} (both included) into a fresh staging folder. Chunks
     * must be the same ranges in every run of a folder: a range that overlaps a finished chunk without being it fails.
     */
    public ChunkWriter open(long fromEpoch, long toEpoch) throws IOException {
        EpochChunk chunk = new EpochChunk(fromEpoch, toEpoch);
        for (EpochChunk finished : finishedChunkRanges()) {
            if (finished.overlaps(chunk) && !finished.equals(chunk)) {
                throw new IllegalArgumentException("chunk " + chunk + " overlaps finished chunk " + finished + " of "
                        + dir + ": a run's chunks must not overlap (keep the chunk size of the run)");
            }
        }
        Path staging = dir.resolve(STAGING).resolve(chunk.name() + "-" + UUID.randomUUID());
        Files.createDirectories(staging);
        Map<String, TableFileWriter<?>> writers = new LinkedHashMap<>();
        try {
            for (Table<?> table : tables) {
                Map<String, String> metadata = Map.of("fvmreplay.table", table.name(), "fvmreplay.chunk", chunk.name());
                writers.put(
                        table.name(),
                        TableFileWriter.create(table, staging.resolve(table.name() + PARQUET), settings, metadata));
            }
        } catch (IOException | RuntimeException e) {
            ChunkWriter.closeQuietly(writers.values(), e);
            FileOps.deleteRecursively(staging);
            throw e;
        }
        return new ChunkWriter(this, chunk, staging, writers, Instant.now());
    }

    Path manifestFile(EpochChunk chunk) {
        return dir.resolve(MANIFESTS).resolve(chunk.name() + JSON);
    }

    Path stagingRoot() {
        return dir.resolve(STAGING);
    }

    /** The finished chunks, from the manifest file names alone. */
    public List<EpochChunk> finishedChunkRanges() throws IOException {
        return finishedChunkRanges(dir);
    }

    /**
     * The finished chunks of the output folder {@code dir}, by epoch, from its manifest file names alone, without
     * opening the folder (nothing is checked, created or cleaned up): for watching another process's run. Empty when
     * {@code dir} has no manifests yet.
     */
    public static List<EpochChunk> finishedChunkRanges(Path dir) throws IOException {
        TreeSet<EpochChunk> chunks = new TreeSet<>();
        for (String name : entries(dir.resolve(MANIFESTS))) {
            EpochChunk.ofFileName(name, JSON).ifPresent(chunks::add);
        }
        return List.copyOf(chunks);
    }

    // deletes what a killed run left: staging folders, and files of chunks whose commit did not reach the manifest
    private void recover() throws IOException {
        FileOps.deleteRecursively(stagingRoot());
        Set<EpochChunk> finished = new HashSet<>(finishedChunkRanges());
        for (Table<?> table : tables) {
            Path tableDir = dir.resolve(table.name());
            for (String name : entries(tableDir)) {
                Optional<EpochChunk> chunk = EpochChunk.ofFileName(name, PARQUET);
                if (chunk.isPresent() && !finished.contains(chunk.get())) {
                    Files.deleteIfExists(tableDir.resolve(name));
                }
            }
        }
    }

    private void createLayout() throws IOException {
        Files.createDirectories(dir.resolve(MANIFESTS));
        for (Table<?> table : tables) {
            Files.createDirectories(dir.resolve(table.name()));
        }
        Path schema = dir.resolve(SCHEMA_FILE);
        if (!Files.exists(schema)) {
            FileOps.writeAtomically(schema, Schemas.markdown().getBytes(StandardCharsets.UTF_8), stagingRoot());
        }
    }

    private static void mustMatch(Path root, RunDescriptor existing, RunDescriptor wanted)
            throws OutputFolderException {
        List<String> differences = existing.differences(wanted);
        if (!differences.isEmpty()) {
            throw new OutputFolderException("output folder " + root + " belongs to another run; its " + RUN_FILE
                    + " differs from this one:\n  " + String.join("\n  ", differences)
                    + "\nchoose another output folder (--out), or delete " + root + " to start over");
        }
    }

    private static List<Table<?>> checkTables(List<Table<?>> tables) {
        requireNonNull(tables, "tables is null");
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no table selected");
        }
        Set<String> names = new HashSet<>();
        for (Table<?> table : tables) {
            if (!names.add(requireNonNull(table, "table is null").name())) {
                throw new IllegalArgumentException("table " + table.name() + " selected twice");
            }
        }
        return List.copyOf(tables);
    }

    private static List<String> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                names.add(p.getFileName().toString());
            }
        }
        return names;
    }
}

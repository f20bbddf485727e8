package org.fvmreplay.fvm.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chicory's compiled-class cache in a directory, so a restarted process loads the JVM bytecode of each actor instead of
 * generating it again. Chicory chooses the keys (derived from the module); file names are their SHA-256.
 */
public final class DirectoryClassCache implements Cache {
    private final Path directory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    public DirectoryClassCache(Path directory) throws IOException {
        this.directory = requireNonNull(directory, "directory is null");
        Files.createDirectories(directory);
    }

    @Override
    public byte[] get(String key) throws IOException {
        try {
            byte[] content = Files.readAllBytes(file(key));
            hits.incrementAndGet();
            return content;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void putIfAbsent(String key, byte[] content) throws IOException {
        Path file = file(key);
        if (Files.exists(file)) {
            return;
        }
        Path temporary = Files.createTempFile(directory, "class", ".tmp");
        Files.write(temporary, content);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another process or thread stored it first: same key, same content
            Files.deleteIfExists(temporary);
            return;
        }
        writes.incrementAndGet();
    }

    /** Entries read from disk so far. */
    public long hits() {
        return hits.get();
    }

    /** Entries written so far. */
    public long writes() {
        return writes.get();
    }

    private Path file(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest) + ".bin");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

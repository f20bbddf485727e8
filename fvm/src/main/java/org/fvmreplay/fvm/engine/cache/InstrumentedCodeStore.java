package org.fvmreplay.fvm.engine.cache;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Instrumented module bytes on disk, one file per {@link ModuleKey}, so a restart skips validation and instrumentation.
 * Each file is a SHA-256 of the bytes followed by the bytes; a file that fails the check is ignored (and overwritten on
 * the next put), never trusted. Writes go to a temporary file moved into place, so readers never see half a file.
 */
public final class InstrumentedCodeStore {
    private static final int DIGEST_LENGTH = 32;

    private final Path directory;

    public InstrumentedCodeStore(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the instrumented code directory " + directory, e);
        }
    }

    public Optional<byte[]> get(ModuleKey key) {
        Path file = file(key);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached instrumented code " + file, e);
        }
        if (content.length < DIGEST_LENGTH) {
            return Optional.empty();
        }
        byte[] wasm = Arrays.copyOfRange(content, DIGEST_LENGTH, content.length);
        if (!Arrays.equals(sha256(wasm), 0, DIGEST_LENGTH, content, 0, DIGEST_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(wasm);
    }

    public void put(ModuleKey key, byte[] wasm) {
        requireNonNull(wasm, "wasm is null");
        Path file = file(key);
        try {
            Path temporary = Files.createTempFile(directory, key.fileName(), ".tmp");
            byte[] content = new byte[DIGEST_LENGTH + wasm.length];
            System.arraycopy(sha256(wasm), 0, content, 0, DIGEST_LENGTH);
            System.arraycopy(wasm, 0, content, DIGEST_LENGTH, wasm.length);
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cached instrumented code " + file, e);
        }
    }

    Path file(ModuleKey key) {
        return directory.resolve(key.fileName() + ".wasm");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

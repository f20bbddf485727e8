package org.fvmreplay.conformance;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A message-class conformance vector (filecoin-project/test-vectors schema): the pre-state as a
 * CAR, the messages to apply, the variants (epoch, network version) and the expected receipts
 * and post-state root.
 */
public record TestVector(
        Path source,
        String id,
        Map<String, String> selector,
        byte[] car,
        Preconditions preconditions,
        List<ApplyMessage> applyMessages,
        Postconditions postconditions,
        List<Randomness> randomness) {

    public TestVector {
        requireNonNull(source, "source");
        requireNonNull(id, "id");
        selector = Map.copyOf(selector);
        requireNonNull(car, "car");
        requireNonNull(preconditions, "preconditions");
        applyMessages = List.copyOf(applyMessages);
        requireNonNull(postconditions, "postconditions");
        randomness = List.copyOf(randomness);
    }

    /** The uncompressed CARv1 bytes of the pre-state (a copy). */
    @Override
    public byte[] car() {
        return car.clone();
    }

    /** What the state is before the messages. */
    public record Preconditions(
            Cid stateRoot,
            Optional<BigInteger> baseFee,
            Optional<BigInteger> circulatingSupply,
            List<Variant> variants) {
        public Preconditions {
            requireNonNull(stateRoot, "stateRoot");
            requireNonNull(baseFee, "baseFee");
            requireNonNull(circulatingSupply, "circulatingSupply");
            variants = List.copyOf(variants);
        }
    }

    /** One way to run the vector: a variant id, an epoch and a network version. */
    public record Variant(String id, long epoch, int networkVersion) {
        public Variant {
            requireNonNull(id, "id");
        }
    }

    /** A message to apply: its chain serialisation and an optional epoch offset. */
    public record ApplyMessage(byte[] bytes, Optional<Long> epochOffset) {
        public ApplyMessage {
            bytes = bytes.clone();
            requireNonNull(epochOffset, "epochOffset");
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** What the state and receipts must be after the messages. */
    public record Postconditions(Cid stateRoot, List<Receipt> receipts, List<Cid> receiptsRoots) {
        public Postconditions {
            requireNonNull(stateRoot, "stateRoot");
            receipts = List.copyOf(receipts);
            receiptsRoots = List.copyOf(receiptsRoots);
        }
    }

    /** An expected receipt. */
    public record Receipt(long exitCode, byte[] returnData, long gasUsed) {
        public Receipt {
            returnData = returnData.clone();
        }

        @Override
        public byte[] returnData() {
            return returnData.clone();
        }
    }

    /** Recorded randomness: what the VM must return when asked for this kind at this epoch. */
    public record Randomness(String kind, long epoch, byte[] value) {
        public Randomness {
            requireNonNull(kind, "kind");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }
}

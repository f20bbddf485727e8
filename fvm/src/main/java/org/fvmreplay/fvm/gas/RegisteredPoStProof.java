package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** PoSt proof types that price lists key on, with the reference's names (used in price list files) and chain codes. */
public enum RegisteredPoStProof {
    STACKED_DRG_WINNING_2KIB_V1("StackedDRGWinning2KiBV1", 0),
    STACKED_DRG_WINNING_8MIB_V1("StackedDRGWinning8MiBV1", 1),
    STACKED_DRG_WINNING_512MIB_V1("StackedDRGWinning512MiBV1", 2),
    STACKED_DRG_WINNING_32GIB_V1("StackedDRGWinning32GiBV1", 3),
    STACKED_DRG_WINNING_64GIB_V1("StackedDRGWinning64GiBV1", 4),
    STACKED_DRG_WINDOW_2KIB_V1("StackedDRGWindow2KiBV1", 5),
    STACKED_DRG_WINDOW_8MIB_V1("StackedDRGWindow8MiBV1", 6),
    STACKED_DRG_WINDOW_512MIB_V1("StackedDRGWindow512MiBV1", 7),
    STACKED_DRG_WINDOW_32GIB_V1("StackedDRGWindow32GiBV1", 8),
    STACKED_DRG_WINDOW_64GIB_V1("StackedDRGWindow64GiBV1", 9),
    STACKED_DRG_WINDOW_2KIB_V1_P1("StackedDRGWindow2KiBV1P1", 10),
    STACKED_DRG_WINDOW_8MIB_V1_P1("StackedDRGWindow8MiBV1P1", 11),
    STACKED_DRG_WINDOW_512MIB_V1_P1("StackedDRGWindow512MiBV1P1", 12),
    STACKED_DRG_WINDOW_32GIB_V1_P1("StackedDRGWindow32GiBV1P1", 13),
    STACKED_DRG_WINDOW_64GIB_V1_P1("StackedDRGWindow64GiBV1P1", 14);

    private final String referenceName;
    private final long code;

    RegisteredPoStProof(String referenceName, long code) {
        this.referenceName = referenceName;
        this.code = code;
    }

    public String referenceName() {
        return referenceName;
    }

    /**
     * Whether the reference's {@code RegisteredPoStProof} of {@code generation} has this type: fvm_shared v4 removed the V1
     * window PoSt types (codes 5 to 9), which an FVM v4 price list therefore cannot key on.
     */
    public boolean existsIn(FvmGeneration generation) {
        requireNonNull(generation, "generation is null");
        return generation != FvmGeneration.V4 || code < 5 || code > 9;
    }

    /** The integer that identifies this proof type on chain. */
    public long code() {
        return code;
    }

    public static Optional<RegisteredPoStProof> fromReferenceName(String name) {
        for (RegisteredPoStProof proof : values()) {
            if (proof.referenceName.equals(name)) {
                return Optional.of(proof);
            }
        }
        return Optional.empty();
    }
}

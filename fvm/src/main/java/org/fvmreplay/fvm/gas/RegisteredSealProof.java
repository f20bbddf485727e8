package org.fvmreplay.fvm.gas;

import java.util.Optional;

/** Seal proof types that price lists key on, with the reference's names (used in price list files) and chain codes. */
public enum RegisteredSealProof {
    STACKED_DRG_2KIB_V1("StackedDRG2KiBV1", 0),
    STACKED_DRG_8MIB_V1("StackedDRG8MiBV1", 1),
    STACKED_DRG_512MIB_V1("StackedDRG512MiBV1", 2),
    STACKED_DRG_32GIB_V1("StackedDRG32GiBV1", 3),
    STACKED_DRG_64GIB_V1("StackedDRG64GiBV1", 4),
    STACKED_DRG_2KIB_V1_P1("StackedDRG2KiBV1P1", 5),
    STACKED_DRG_8MIB_V1_P1("StackedDRG8MiBV1P1", 6),
    STACKED_DRG_512MIB_V1_P1("StackedDRG512MiBV1P1", 7),
    STACKED_DRG_32GIB_V1_P1("StackedDRG32GiBV1P1", 8),
    STACKED_DRG_64GIB_V1_P1("StackedDRG64GiBV1P1", 9),
    STACKED_DRG_2KIB_V1_P1_SYNTHETIC_POREP("StackedDRG2KiBV1P1_Feat_SyntheticPoRep", 10),
    STACKED_DRG_8MIB_V1_P1_SYNTHETIC_POREP("StackedDRG8MiBV1P1_Feat_SyntheticPoRep", 11),
    STACKED_DRG_512MIB_V1_P1_SYNTHETIC_POREP("StackedDRG512MiBV1P1_Feat_SyntheticPoRep", 12),
    STACKED_DRG_32GIB_V1_P1_SYNTHETIC_POREP("StackedDRG32GiBV1P1_Feat_SyntheticPoRep", 13),
    STACKED_DRG_64GIB_V1_P1_SYNTHETIC_POREP("StackedDRG64GiBV1P1_Feat_SyntheticPoRep", 14),
    // non-interactive PoRep (FIP-0092), fvm_shared v4
    STACKED_DRG_2KIB_V1_P2_NI_POREP("StackedDRG2KiBV1P2_Feat_NiPoRep", 15),
    STACKED_DRG_8MIB_V1_P2_NI_POREP("StackedDRG8MiBV1P2_Feat_NiPoRep", 16),
    STACKED_DRG_512MIB_V1_P2_NI_POREP("StackedDRG512MiBV1P2_Feat_NiPoRep", 17),
    STACKED_DRG_32GIB_V1_P2_NI_POREP("StackedDRG32GiBV1P2_Feat_NiPoRep", 18),
    STACKED_DRG_64GIB_V1_P2_NI_POREP("StackedDRG64GiBV1P2_Feat_NiPoRep", 19);

    private final String referenceName;
    private final long code;

    RegisteredSealProof(String referenceName, long code) {
        this.referenceName = referenceName;
        this.code = code;
    }

    public String referenceName() {
        return referenceName;
    }

    /** The integer that identifies this proof type on chain. */
    public long code() {
        return code;
    }

    public static Optional<RegisteredSealProof> fromReferenceName(String name) {
        for (RegisteredSealProof proof : values()) {
            if (proof.referenceName.equals(name)) {
                return Optional.of(proof);
            }
        }
        return Optional.empty();
    }
}

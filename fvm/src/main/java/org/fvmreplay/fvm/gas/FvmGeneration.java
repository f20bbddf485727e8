package org.fvmreplay.fvm.gas;

import java.util.Locale;
import java.util.Optional;

/** The FVM release line a price list belongs to; the charge formulas and the set of price entries differ between them. */
public enum FvmGeneration {
    /** ref-fvm {@code release/v2}: network versions 16 and 17 (and 15 in the reference, which this project does not replay). */
    V2,
    /** ref-fvm {@code release/v3}: network versions 18, 19 and 20. */
    V3,
    /** ref-fvm {@code master} (fvm 4.x): network versions 21 to 29. */
    V4;

    /** The lower-case name used in price list files ({@code "v2"}, {@code "v3"}, {@code "v4"}). */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The generation whose {@linkplain #fileName() file name} is {@code fileName}. */
    public static Optional<FvmGeneration> fromFileName(String fileName) {
        for (FvmGeneration generation : values()) {
            if (generation.fileName().equals(fileName)) {
                return Optional.of(generation);
            }
        }
        return Optional.empty();
    }
}

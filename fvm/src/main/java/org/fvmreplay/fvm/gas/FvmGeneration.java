package org.fvmreplay.fvm.gas;

/** The FVM release line a price list belongs to; the charge formulas and the set of price entries differ between them. */
public enum FvmGeneration
{
    /** ref-fvm {@code release/v2}: network versions 16 and 17 (and 15 in the reference, which this project does not replay). */
    V2,
    /** ref-fvm {@code release/v3}: network versions 18, 19 and 20. */
    V3;

    /** The lower-case name used in price list files ({@code "v2"}, {@code "v3"}). */
    public String fileName()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

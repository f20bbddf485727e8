package org.fvmreplay.fvm.gas;

/** The shape of a price entry's value, which decides how it is written in a price list file. */
public enum PriceEntryKind {
    /** A gas amount, stored in milligas; written in gas with up to three decimals ({@code 0.5} is 500 milligas). */
    GAS("a gas amount (a JSON number in gas, at most 3 decimals)"),
    /** A plain integer factor (FVM v2's storage gas multiplier). */
    MULTIPLIER("an integer multiplier (a JSON integer)"),
    /** {@code {"flat": gas, "scale": gas}}. */
    SCALING("a scaling cost (an object with \"flat\" and/or \"scale\" gas amounts)"),
    /** Seal proof type name to gas amount. */
    SEAL_PROOF_GAS("an object from seal proof type name to gas amount"),
    /** Seal proof type name to step function {@code [{"start": n, "cost": gas}, ...]}. */
    SEAL_PROOF_STEPS("an object from seal proof type name to an array of {\"start\": integer, \"cost\": gas} steps"),
    /** PoSt proof type name to scaling cost. */
    POST_PROOF_SCALING("an object from PoSt proof type name to scaling cost"),
    /** Signature type name to scaling cost (every type must be priced). */
    SIGNATURE_SCALING("an object from signature type name (Secp256k1, BLS) to scaling cost"),
    /** Hash function name to scaling cost (every supported hash must be priced). */
    HASH_SCALING("an object from hash name (Sha2_256, Blake2b256, Blake2b512, Keccak256, Ripemd160) to scaling cost"),
    /** A list of actor ids. */
    ACTOR_IDS("an array of non-negative integer actor ids");

    private final String description;

    PriceEntryKind(String description) {
        this.description = description;
    }

    /** What a file must contain for an entry of this kind, for error messages. */
    public String description() {
        return description;
    }
}

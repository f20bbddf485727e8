package org.fvmreplay.ipld.address;

/** A malformed Filecoin address (bytes or string). */
public final class AddressFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public AddressFormatException(String message) {
        super(message);
    }
}

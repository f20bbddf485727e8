package org.fvmreplay.ipld.cid;

import java.math.BigInteger;
import java.util.Arrays;

/** The two multibases CIDs use here: base32 lower-case (prefix 'b') and base58btc (prefix 'z', or bare for CIDv0). */
public final class Multibase {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final char[] BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] BASE32_INDEX = index(BASE32);
    private static final int[] BASE58_INDEX = index(BASE58);

    private Multibase() {}

    private static int[] index(char[] alphabet) {
        int[] idx = new int[128];
        Arrays.fill(idx, -1);
        for (int i = 0; i < alphabet.length; i++) {
            idx[alphabet[i]] = i;
        }
        return idx;
    }

    /** RFC 4648 base32, lower case, no padding. */
    public static String encodeBase32(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    /** Decodes unpadded base32 (either case). */
    public static byte[] decodeBase32(CharSequence s) {
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            int v = c < 128 ? BASE32_INDEX[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("invalid base32 character '" + s.charAt(i) + "' at " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("invalid base32 length or trailing bits");
        }
        return out;
    }

    /** Bitcoin's base58. */
    public static String encodeBase58(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger value = new BigInteger(1, data);
        BigInteger radix = BigInteger.valueOf(58);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(radix);
            sb.append(BASE58[qr[1].intValue()]);
            value = qr[0];
        }
        sb.append("1".repeat(zeros));
        return sb.reverse().toString();
    }

    /** Decodes Bitcoin's base58. */
    public static byte[] decodeBase58(CharSequence s) {
        BigInteger value = BigInteger.ZERO;
        BigInteger radix = BigInteger.valueOf(58);
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = c < 128 ? BASE58_INDEX[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("invalid base58 character '" + c + "' at " + i);
            }
            if (leading && v == 0) {
                zeros++;
            } else {
                leading = false;
            }
            value = value.multiply(radix).add(BigInteger.valueOf(v));
        }
        byte[] mag = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = mag.length > 0 && mag[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + mag.length - skip];
        System.arraycopy(mag, skip, out, zeros, mag.length - skip);
        return out;
    }
}

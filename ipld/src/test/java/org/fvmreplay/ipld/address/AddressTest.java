package org.fvmreplay.ipld.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected strings are those of ref-fvm's shared/tests/address_test.rs and go-address. */
class AddressTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "f15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdrq",
                "f12fiakbhe2gwd5cnmrenekasyn6v5tnaxaqizq6a",
                "f1wbxhu3ypkuo6eyp6hjx6davuelxaxrvwb2kuwva",
                "f1xtwapqc6nh4si2hcwpr3656iotzmlwumogqbuaa",
                "f1xcbgdhkgkwht3hrrnui3jdopeejsoatkzmoltqy",
                "f17uoq6tp427uzv7fztkbsnn64iwotfrristwpryy",
                "f24vg6ut43yw2h2jqydgbg2xq7x6f4kub3bg6as6i",
                "f25nml2cfbljvn4goqtclhifepvfnicv6g7mfmmvq",
                "f2nuqrg7vuysaue2pistjjnt3fadsdzvyuatqtfei",
                "f24dd4ox4c2vpf5vk5wkadgyyn6qtuvgcpxxon64a",
                "f2gfvuyh7v2sx3patm5k23wdzmhyhtmqctasbr23y",
                "f3vvmn62lofvhjd2ugzca6sof2j2ubwok6cj4xxbfzz4yuxfkgobpihhd2thlanmsh3w2ptld2gqkn2jvlss4a",
                "f3wmuu6crofhqmm3v4enos73okk2l366ck6yc4owxwbdtkmpk42ohkqxfitcpa57pjdcftql4tojda2poeruwa",
                "f00",
                "f01",
                "f010",
                "f0150",
                "f0499",
                "f01024",
                "f01729",
                "f0999999",
                "f018446744073709551615",
                "f432f77777777x32lpna",
                "f418446744073709551615ftnkyfaq",
            })
    void parsesAndPrintsReferenceAddresses(String s) {
        Address a = Address.parse(s);
        assertThat(a).hasToString(s);
        assertThat(Address.fromBytes(a.toBytes())).isEqualTo(a);
        assertThat(a.toString('t')).startsWith("t" + s.charAt(1));
    }

    @Test
    void secp256k1AddressComesFromThePublicKeyHash() {
        byte[] key = HexFormat.of()
                .parseHex(
                        "0494"
                                + "02fac37e6432a416a3a0ca5426b5185ab3b24f6134efa25ce487c82d2e4e13bf452511e0d2245421f8613bc10d72fa216666a96c3bc13920d3ff233fd0bc05");
        assertThat(Address.fromSecp256k1PublicKey(key)).hasToString("f15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdrq");
    }

    @Test
    void goAddressBytesMatch() {
        assertThat(HexFormat.of()
                        .formatHex(Address.parse("f17uoq6tp427uzv7fztkbsnn64iwotfrristwpryy")
                                .toBytes()))
                .isEqualTo("01fd1d0f4dfcd7e99afcb99a8326b7dc459d32c628");
    }

    @Test
    void delegatedAddressesOfReferenceTests() {
        byte[] ff = new byte[5];
        Arrays.fill(ff, (byte) 0xFF);
        assertThat(Address.delegated(32, ff)).hasToString("f432f77777777x32lpna");
        assertThat(Address.delegated(-1L, new byte[0])).hasToString("f418446744073709551615ftnkyfaq");
        Address longest = Address.delegated(-1L, new byte[Address.MAX_SUBADDRESS_LENGTH]);
        assertThat(longest)
                .hasToString(
                        "f418446744073709551615faaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaafbbuagu");
        assertThat(longest.namespace()).isEqualTo(-1L);
        assertThatThrownBy(() -> Address.delegated(0, new byte[Address.MAX_SUBADDRESS_LENGTH + 1]))
                .isInstanceOf(AddressFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "f5gfvuyh7v2sx3patm5k23wdzmhyhtmqctasbr23y",
                "f2gfvuyh7v2sx3patm5k23wdzmhyhtmqctasbr24y",
                "f0banananananannnnnnnnn",
                "f0banananananannnnnnnn",
                "f2gfvuyh7v2sx3patm1k23wdzmhyhtmqctasbr24y",
                "f2gfvuyh7v2sx3paTm1k23wdzmhyhtmqctasbr24y",
                "f2",
                "f1mzxqu",
                "x0123",
                "f018446744073709551616",
                "f001",
            })
    void rejectsInvalidStrings(String s) {
        assertThatThrownBy(() -> Address.parse(s)).isInstanceOf(AddressFormatException.class);
    }

    @Test
    void rejectsInvalidBytes() {
        assertThatThrownBy(() -> Address.fromBytes(new byte[] {5, 4, 4}))
                .hasMessageContaining("unknown address protocol");
        assertThatThrownBy(() -> Address.fromBytes(new byte[] {0})).isInstanceOf(AddressFormatException.class);
        assertThatThrownBy(() -> Address.fromBytes(new byte[22])).isInstanceOf(AddressFormatException.class);
        byte[] secpShort = new byte[20];
        secpShort[0] = 1;
        assertThatThrownBy(() -> Address.fromBytes(secpShort)).hasMessageContaining("20 bytes, got 19");
        byte[] blsLong = new byte[50];
        blsLong[0] = 3;
        assertThatThrownBy(() -> Address.fromBytes(blsLong)).hasMessageContaining("48 bytes, got 49");
        byte[] f4 = new byte[2 + Address.MAX_SUBADDRESS_LENGTH + 1];
        f4[0] = 4;
        assertThatThrownBy(() -> Address.fromBytes(f4)).hasMessageContaining("longer than 54");
        assertThatThrownBy(() -> Address.fromBytes(new byte[0])).hasMessageContaining("empty");
    }
}

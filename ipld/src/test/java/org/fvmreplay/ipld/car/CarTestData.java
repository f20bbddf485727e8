package org.fvmreplay.ipld.car;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;

/** Small CARs built in memory for tests. */
final class CarTestData {
    record Section(Cid cid, byte[] data) {}

    private CarTestData() {}

    static byte[] car(List<Cid> roots, List<Section> sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(out, roots)) {
            for (Section s : sections) {
                writer.write(s.cid(), s.data());
            }
        }
        return out.toByteArray();
    }
}

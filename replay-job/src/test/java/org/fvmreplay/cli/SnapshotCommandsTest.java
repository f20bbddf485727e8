package org.fvmreplay.cli;

import static java.nio.file.Files.newOutputStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.car.CarWriter;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.ChainIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fvm-replay import} and {@code fvm-replay snapshots ...} end to end on chain4.car. */
class SnapshotCommandsTest {
    private static final String GENESIS_STATE = "bafy2bzacech3yb7xlb7c57v2xh7rvmt4skeidk7z2g36llksaz4biflblbt24";
    private static final String EPOCH3_STATE = "bafy2bzacebpkfyohjp7thdmpjy44lkimctgphlxu3apnkgwtrkxy723vhbk5y";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return FvmReplay.commandLine().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path snapshot(String name) {
        String property = System.getProperty("fvmreplay.shared");
        Path dir = property != null && !property.isBlank()
                ? Path.of(property)
                : Path.of("").toAbsolutePath().resolve("../../shared");
        return dir.resolve("snapshots").resolve(name).toAbsolutePath().normalize();
    }

    @Test
    void importListShowVerifyExport() {
        String store = tmp.resolve("store").toString();
        Path chain4 = snapshot("chain4.car");
        assertThat(run(
                        "import",
                        chain4.toString(),
                        snapshot("chain4.car.zst").toString(),
                        "--store",
                        store,
                        "--shards",
                        "3",
                        "--no-progress"))
                .isZero();
        assertThat(out()).contains("chain4.car: imported, 1,222 blocks", "4 tipsets indexed");

        assertThat(run("import", chain4.toString(), "--store", store, "--no-progress"))
                .isZero();
        assertThat(out()).contains("already imported, nothing to do");

        assertThat(run("snapshots", "list", "--store", store)).isZero();
        assertThat(out()).contains("3 shards", chain4.toString(), "COMPLETE", "1,222 blocks");

        assertThat(run("snapshots", "show", chain4.toString(), "--store", store))
                .isZero();
        assertThat(out())
                .contains(
                        "heaviest epoch 3",
                        "bafy2bzacedjrqan2fwfvhfopi64yickki7miiksecglpeiavf7xueytnzevlu",
                        "epochs   0 .. 3 (4 tipsets)",
                        "parent state " + EPOCH3_STATE);

        assertThat(run("snapshots", "show", chain4.toString(), "--store", store, "--tipsets"))
                .isZero();
        assertThat(out().lines().filter(l -> l.startsWith("  epoch ")).toList())
                .hasSize(4)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("  epoch 3  parent state " + EPOCH3_STATE)
                        .contains("base fee 67005211"));

        assertThat(run("snapshots", "verify", "--store", store, "--root", GENESIS_STATE))
                .isZero();
        assertThat(out()).contains("1,209 blocks", "0 missing");

        // a lite snapshot: what it leaves out by design is coverage, not an error
        assertThat(run("snapshots", "verify", "--store", store)).isZero();
        assertThat(out())
                .contains(
                        "headers   present for epochs 0–3, back to genesis (4 tipsets, 0 null rounds)",
                        "state     present for epochs 0–1\n",
                        "messages  present for epochs 0–3\n",
                        "receipts  present for epochs 0, 2 ",
                        "replay    epoch 0 can replay and be checked against receipts\n")
                .doesNotContain("missing", "error");

        Path exported = tmp.resolve("genesis-state.car");
        assertThat(run(
                        "snapshots",
                        "export",
                        "--store",
                        store,
                        "--state-root",
                        GENESIS_STATE,
                        "-o",
                        exported.toString()))
                .isZero();
        assertThat(out()).contains("1,209 blocks");
        Set<Cid> cids = new HashSet<>();
        try (CarReader reader = CarReader.open(exported)) {
            reader.forEachRemaining((CarBlock b) -> cids.add(b.cid()));
            assertThat(reader.roots()).containsExactly(Cid.parse(GENESIS_STATE));
        }
        assertThat(cids).hasSize(1209);

        Path range = tmp.resolve("range.car");
        assertThat(run("snapshots", "export", "--store", store, "--from", "0", "--to", "1", "-o", range.toString()))
                .isZero();
        String other = tmp.resolve("other").toString();
        assertThat(run("import", range.toString(), "--store", other, "--no-progress"))
                .isZero();
        assertThat(out()).contains("2 tipsets indexed");
    }

    @Test
    void verifyReportsTheCoverageOfAChainExport() throws java.io.IOException {
        Path devnetA = snapshot("chain4.car")
                .getParent()
                .resolve("../chains/devnet-a/chain.car.zst")
                .normalize();
        String store = tmp.resolve("store").toString();
        assertThat(run("import", devnetA.toString(), "--store", store, "--no-progress"))
                .isZero();
        assertThat(out()).contains("9,760 blocks in the snapshot", "720 tipsets indexed");
        assertThat(run("snapshots", "verify", "--store", store)).isZero();
        assertThat(out())
                .contains(
                        "head epoch 723",
                        "headers   present for epochs 0–723, back to genesis (720 tipsets, 4 null rounds)",
                        "state     present for epochs 0–723\n",
                        "messages  present for epochs 0–723\n",
                        "receipts  present for epochs 0–722 ",
                        "replay    epochs 0–722 can replay and be checked against receipts; the head (723) can run but not be checked")
                .doesNotContain("error");

        // the same chain without one block of the state tree of epoch 400
        MemoryBlockstore all = new MemoryBlockstore();
        List<Cid> head;
        try (CarReader reader = CarReader.open(devnetA)) {
            reader.forEachRemaining((CarBlock b) -> all.put(b.cid(), b.data()));
            head = reader.roots();
        }
        Cid stateRoot = ChainIndex.walk(all, head).stream()
                .filter(t -> t.epoch() == 400)
                .findFirst()
                .orElseThrow()
                .parentStateRoot();
        List<Cid> links = new ArrayList<>();
        DagCbor.forEachLink(all.get(stateRoot), links::add);
        Cid deleted = links.get(0);
        Path damaged = tmp.resolve("damaged.car");
        try (CarWriter writer = new CarWriter(newOutputStream(damaged), head)) {
            all.asMap().forEach((cid, data) -> {
                if (!cid.equals(deleted)) {
                    writer.write(cid, data);
                }
            });
        }
        String other = tmp.resolve("other").toString();
        assertThat(run("import", damaged.toString(), "--store", other, "--no-progress"))
                .isZero();
        assertThat(run("snapshots", "verify", "--store", other)).isEqualTo(2);
        assertThat(out())
                .contains(
                        "  error: state of epoch",
                        "    missing " + deleted,
                        "error(s): blocks missing inside the ranges the snapshots claim")
                .contains("messages  present for epochs 0–723\n");
    }

    @Test
    void bulkModeIsSelectable() {
        String store = tmp.resolve("store").toString();
        Path chain4 = snapshot("chain4.car");
        assertThat(run("import", chain4.toString(), "--store", store, "--bulk", "batch", "--no-progress"))
                .isZero();
        assertThat(out()).contains("chain4.car: imported, 1,222 blocks");
        assertThat(run(
                        "import",
                        chain4.toString(),
                        "--store",
                        tmp.resolve("other").toString(),
                        "--bulk",
                        "zip",
                        "--no-progress"))
                .isEqualTo(2);
        assertThat(err()).contains("unknown bulk mode 'zip'", "sst or batch");
        assertThat(tmp.resolve("other")).doesNotExist();
    }

    @Test
    void errorsAreOneClearLine() {
        String store = tmp.resolve("store").toString();
        Path missing = tmp.resolve("nowhere.car");
        assertThat(run("import", missing.toString(), "--store", store, "--no-progress"))
                .isEqualTo(1);
        assertThat(err()).startsWith("error: ").contains(missing.toString(), "no such file");
        assertThat(tmp.resolve("store")).doesNotExist();

        assertThat(run("import", snapshot("chain4.car").toString(), "--store", store, "--shards", "2", "--no-progress"))
                .isZero();
        assertThat(run("import", snapshot("chain4.car").toString(), "--store", store, "--shards", "5", "--no-progress"))
                .isEqualTo(1);
        assertThat(err()).contains("has 2 shards", "--shards 5");

        assertThat(run("snapshots", "show", "/not/imported.car", "--store", store))
                .isEqualTo(1);
        assertThat(err()).contains("/not/imported.car is not in the catalogue");

        assertThat(run("snapshots", "list", "--store", tmp.resolve("absent").toString()))
                .isEqualTo(1);
        assertThat(err()).contains("no store at");

        Path notAStore = tmp.resolve("not-a-store");
        assertThat(notAStore.toFile().mkdir()).isTrue();
        assertThat(run("snapshots", "verify", "--store", notAStore.toString())).isEqualTo(1);
        assertThat(err()).contains("is not a store");
        assertThat(notAStore.toFile().list())
                .as("nothing written into a directory that is not a store")
                .isEmpty();

        assertThat(run(
                        "snapshots",
                        "export",
                        "--store",
                        store,
                        "--from",
                        "0",
                        "--to",
                        "3",
                        "-o",
                        tmp.resolve("x.car").toString()))
                .isEqualTo(1);
        assertThat(err()).contains("not in the store", EPOCH3_STATE);
        assertThat(tmp.resolve("x.car")).doesNotExist();
    }
}

package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * What a store holds of one chain, epoch by epoch: the block headers back from a head, and for each
 * tipset whether the three things a replay needs are complete: the state tree of its parent state
 * root, its messages, and (to check the result) its child's receipts. A tipset at epoch E can replay
 * when all three are.
 *
 * <p>Snapshots leave data out by design: a lite snapshot has every header but state, messages and
 * receipts only for a recent run of epochs ending at the head, plus the genesis state. So an absent
 * tree is only an error inside the range the snapshot claims: the run that ends at the newest
 * epoch, extended down to the oldest epoch whose tree is present for its own sake (not merely
 * because it shares its root with that run or with genesis, as an empty receipts AMT or message
 * list does). A tree whose root is present but which lacks blocks below is always an error: exporters
 * write trees whole.
 */
public final class ChainCoverage {
    /** The parts of a tipset that a replay needs. */
    public enum Part {
        STATE("state"),
        MESSAGES("messages"),
        RECEIPTS("receipts");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Blocks missing from one part of consecutive tipsets that lack the same blocks. */
    public record Gap(Part part, EpochRanges.Range epochs, List<Cid> missing) {
        public Gap {
            requireNonNull(part, "part is null");
            requireNonNull(epochs, "epochs is null");
            missing = List.copyOf(missing);
        }
    }

    /**
     * The coverage of the chain that ends at {@code head}.
     *
     * @param oldest the oldest tipset whose headers are present
     * @param headersEndAt the parents of {@code oldest} when they are not headers in the store; empty
     *     when the headers reach genesis (epoch 0)
     * @param present per part, the epochs whose tree is complete (receipts: the child's receipts)
     * @param replayable epochs whose state, messages and child's receipts are all complete
     * @param errors blocks missing inside the ranges the snapshot claims
     * @param tipsetKeys the key of every tipset in the chain (to tell whether another head lies on it)
     */
    public record Report(
            TipsetEntry head,
            TipsetEntry oldest,
            List<Cid> headersEndAt,
            int tipsets,
            Map<Part, EpochRanges> present,
            EpochRanges replayable,
            boolean headRunnable,
            List<Gap> errors,
            Set<List<Cid>> tipsetKeys) {
        public Report {
            requireNonNull(head, "head is null");
            requireNonNull(oldest, "oldest is null");
            headersEndAt = List.copyOf(headersEndAt);
            present = Map.copyOf(present);
            requireNonNull(replayable, "replayable is null");
            errors = List.copyOf(errors);
            tipsetKeys = Set.copyOf(tipsetKeys);
        }

        public boolean reachesGenesis() {
            return oldest.epoch() == 0;
        }

        /** Epochs between the oldest and the head with no tipset. */
        public long nullRounds() {
            return head.epoch() - oldest.epoch() + 1 - tipsets;
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }
    }

    private enum Status {
        COMPLETE,
        PARTIAL,
        ABSENT
    }

    private final Blockstore blocks;
    private final SubtreeCheck check;

    /** {@code check} may be shared between reports on the same store, so shared trees are walked once. */
    public ChainCoverage(Blockstore blocks, SubtreeCheck check) {
        this.blocks = requireNonNull(blocks, "blocks is null");
        this.check = requireNonNull(check, "check is null");
    }

    /** The coverage of the chain whose newest tipset is {@code head}; empty chain (not headers) gives null. */
    public Report report(List<Cid> head) {
        requireNonNull(head, "head is null");
        List<TipsetEntry> newestFirst = ChainIndex.walk(blocks, head);
        if (newestFirst.isEmpty()) {
            return null;
        }
        List<TipsetEntry> chain = new ArrayList<>(newestFirst);
        Collections.reverse(chain);
        int n = chain.size();
        long[] epochs = chain.stream().mapToLong(TipsetEntry::epoch).toArray();
        TipsetEntry oldest = chain.get(0);

        Map<Part, Status[]> statuses = new EnumMap<>(Part.class);
        Map<Part, EpochRanges> present = new EnumMap<>(Part.class);
        List<Gap> errors = new ArrayList<>();
        for (Part part : Part.values()) {
            // the head's receipts come with its child, which the chain does not have
            int applicable = part == Part.RECEIPTS ? n - 1 : n;
            Status[] status = new Status[applicable];
            List<Set<Cid>> missing = new ArrayList<>(applicable);
            for (int i = 0; i < applicable; i++) {
                List<Cid> roots = roots(part, chain, i);
                Set<Cid> lacking = Set.of(); // most epochs lack nothing: no set per epoch then
                boolean allRootsAbsent = !roots.isEmpty();
                for (Cid root : roots) {
                    Set<Cid> below = check.missing(root);
                    if (!below.isEmpty()) {
                        lacking = lacking.isEmpty() ? new LinkedHashSet<>(below) : lacking;
                        lacking.addAll(below);
                    }
                    allRootsAbsent &= below.contains(root);
                }
                missing.add(lacking);
                status[i] = lacking.isEmpty() ? Status.COMPLETE : allRootsAbsent ? Status.ABSENT : Status.PARTIAL;
            }
            statuses.put(part, status);
            present.put(part, EpochRanges.of(epochs, i -> i < applicable && status[i] == Status.COMPLETE));
            int claimedFrom = claimedFrom(part, chain, status);
            collectErrors(part, epochs, status, missing, claimedFrom, errors);
        }
        Status[] state = statuses.get(Part.STATE);
        Status[] messages = statuses.get(Part.MESSAGES);
        Status[] receipts = statuses.get(Part.RECEIPTS);
        EpochRanges replayable = EpochRanges.of(
                epochs,
                i -> i < n - 1
                        && state[i] == Status.COMPLETE
                        && messages[i] == Status.COMPLETE
                        && receipts[i] == Status.COMPLETE);
        boolean headRunnable = state[n - 1] == Status.COMPLETE && messages[n - 1] == Status.COMPLETE;
        List<Cid> headersEndAt = oldest.epoch() == 0 ? List.of() : oldest.parents();
        errors.sort(Comparator.comparingLong((Gap g) -> g.epochs().from()).thenComparing(Gap::part));
        Set<List<Cid>> keys = new HashSet<>();
        chain.forEach(t -> keys.add(t.key()));
        return new Report(chain.get(n - 1), oldest, headersEndAt, n, present, replayable, headRunnable, errors, keys);
    }

    private static List<Cid> roots(Part part, List<TipsetEntry> chain, int i) {
        return switch (part) {
            case STATE -> List.of(chain.get(i).parentStateRoot());
            case MESSAGES -> chain.get(i).messages().stream().distinct().toList();
            case RECEIPTS -> List.of(chain.get(i + 1).parentMessageReceipts());
        };
    }

    /**
     * Index of the oldest tipset whose part the snapshot claims: the run of present trees that ends
     * at the newest tipset, extended to any older tipset whose tree is present for its own sake.
     */
    private static int claimedFrom(Part part, List<TipsetEntry> chain, Status[] status) {
        int runStart = status.length;
        while (runStart > 0 && status[runStart - 1] != Status.ABSENT) {
            runStart--;
        }
        // trees that older tipsets may share by content: those of the run, and what every exporter
        // includes for genesis (its state, its receipts and its messages)
        Set<Cid> shared = new HashSet<>();
        for (int i = runStart; i < status.length; i++) {
            shared.addAll(roots(part, chain, i));
        }
        TipsetEntry first = chain.get(0);
        if (first.epoch() == 0) {
            shared.add(first.parentStateRoot());
            shared.add(first.parentMessageReceipts());
            shared.addAll(first.messages());
        }
        for (int i = 0; i < runStart; i++) {
            if (status[i] != Status.ABSENT && !shared.containsAll(roots(part, chain, i))) {
                return i;
            }
        }
        return runStart;
    }

    private static void collectErrors(
            Part part, long[] epochs, Status[] status, List<Set<Cid>> missing, int claimedFrom, List<Gap> errors) {
        int start = -1;
        for (int i = 0; i <= status.length; i++) {
            boolean error = i < status.length
                    && (status[i] == Status.PARTIAL || (status[i] == Status.ABSENT && i >= claimedFrom));
            // consecutive tipsets missing the same blocks make one gap
            if (start >= 0 && (!error || !missing.get(i).equals(missing.get(start)))) {
                errors.add(new Gap(
                        part,
                        new EpochRanges.Range(epochs[start], epochs[i - 1]),
                        new ArrayList<>(missing.get(start))));
                start = -1;
            }
            if (error && start < 0) {
                start = i;
            }
        }
    }
}

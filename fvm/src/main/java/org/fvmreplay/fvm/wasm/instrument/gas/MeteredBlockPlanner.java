package org.fvmreplay.fvm.wasm.instrument.gas;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.instrument.InstrumentVersion;
import org.fvmreplay.fvm.wasm.instrument.InstrumentationException;

/**
 * Partitions a function body into metered blocks exactly as fvm-wasm-instrument 0.4 does: {@code block} continues the
 * enclosing metered block, {@code if}/{@code loop} start new ones after themselves, {@code else}, {@code br}, {@code br_if},
 * {@code br_table} and {@code return} close the active block, and {@code end} closes it and, if the closed construct may have
 * been branched out of, the enclosing one too. Calls do not split blocks. {@link InstrumentVersion#V0_2} differs only in
 * counting br_table's default target and in having no linear costs.
 */
public final class MeteredBlockPlanner {
    private final GasRules rules;
    private final InstrumentVersion version;
    private final List<ControlBlock> stack = new ArrayList<>();
    private final List<MeteredBlock> finalized = new ArrayList<>();

    private MeteredBlockPlanner(GasRules rules, InstrumentVersion version) {
        this.rules = rules;
        this.version = version;
    }

    public static MeteringPlan plan(List<Instruction> instructions, GasRules rules) {
        return plan(instructions, rules, InstrumentVersion.V0_4);
    }

    public static MeteringPlan plan(List<Instruction> instructions, GasRules rules, InstrumentVersion version) {
        requireNonNull(instructions, "instructions is null");
        requireNonNull(rules, "rules is null");
        requireNonNull(version, "version is null");
        return new MeteredBlockPlanner(rules, version).run(instructions);
    }

    private static final class ControlBlock {
        int lowestForwardBranchTarget;
        int activeStart;
        long activeCost;
        final boolean isLoop;

        ControlBlock(int index, int start, boolean isLoop) {
            this.lowestForwardBranchTarget = index;
            this.activeStart = start;
            this.isLoop = isLoop;
        }
    }

    private MeteringPlan run(List<Instruction> instructions) {
        beginControlBlock(0, false);
        Integer lastConst = null;
        List<DynamicCharge> dynamicCharges = new ArrayList<>();
        for (int cursor = 0; cursor < instructions.size(); cursor++) {
            Instruction instruction = instructions.get(cursor);
            long cost = cost(instruction, cursor, lastConst, dynamicCharges);
            switch (instruction.opcode()) {
                case BLOCK -> {
                    increment(cost);
                    // instructions up to the first branch belong to the enclosing basic block: share its start
                    beginControlBlock(top().activeStart, false);
                }
                case IF -> {
                    increment(cost);
                    beginControlBlock(cursor + 1, false);
                }
                case LOOP -> {
                    increment(cost);
                    beginControlBlock(cursor + 1, true);
                }
                case END -> finalizeControlBlock(cursor);
                case ELSE -> finalizeMeteredBlock(cursor);
                case BR, BR_IF -> {
                    increment(cost);
                    branch(cursor, List.of(targetIndex(instruction.index())));
                }
                case BR_TABLE -> {
                    increment(cost);
                    // 0.4 collects only the explicit labels, never the default target; 0.2 includes the default first
                    List<Integer> targets = new ArrayList<>();
                    if (version == InstrumentVersion.V0_2) {
                        targets.add(targetIndex((int) instruction.first()));
                    }
                    for (int label : instruction.labels()) {
                        targets.add(targetIndex(label));
                    }
                    branch(cursor, targets);
                }
                case RETURN -> {
                    increment(cost);
                    branch(cursor, List.of(0));
                }
                case I32_CONST -> {
                    lastConst = (int) instruction.first();
                    increment(cost);
                    continue;
                }
                default -> increment(cost);
            }
            lastConst = null;
        }
        List<MeteredBlock> blocks = new ArrayList<>(finalized);
        blocks.sort(Comparator.comparingInt(MeteredBlock::startPosition));
        return new MeteringPlan(blocks, dynamicCharges);
    }

    private long cost(Instruction instruction, int cursor, Integer lastConst, List<DynamicCharge> dynamicCharges) {
        InstructionCost cost = requireNonNull(rules.instructionCost(instruction), "rules returned null cost");
        if (cost instanceof InstructionCost.Fixed fixed) {
            return fixed.cost();
        }
        InstructionCost.Linear linear = (InstructionCost.Linear) cost;
        if (version == InstrumentVersion.V0_2) {
            // 0.2 has only fixed costs; memory.grow's per-page part is charged by a separate grow function
            if (instruction.opcode() != org.fvmreplay.fvm.wasm.binary.Opcode.MEMORY_GROW) {
                throw new InstrumentationException(
                        "fvm-wasm-instrument 0.2 has no linear cost for " + instruction.opcode());
            }
            return linear.base();
        }
        if (linear.unitCost() < 0) {
            throw new InstrumentationException(
                    "cost per unit of " + instruction.opcode() + " exceeds the 0x80000000 limit");
        }
        if (lastConst != null) {
            if (lastConst < 0) {
                throw new InstrumentationException("linearly priced instruction " + instruction.opcode() + " at "
                        + cursor + " has a negative constant argument " + lastConst);
            }
            // argument known statically: fold it into the block's charge
            return linear.base() + (long) lastConst * linear.unitCost();
        }
        switch (instruction.opcode()) {
            case MEMORY_GROW,
                    TABLE_GROW,
                    MEMORY_INIT,
                    MEMORY_COPY,
                    MEMORY_FILL,
                    TABLE_INIT,
                    TABLE_COPY,
                    TABLE_FILL -> {}
            default ->
                throw new InstrumentationException(
                        "linearly priced instruction " + instruction.opcode() + " has no i32 stack-top argument");
        }
        dynamicCharges.add(new DynamicCharge(cursor, linear.unitCost()));
        return linear.base() + rules.gasChargeCost() + rules.linearCalcCost();
    }

    private ControlBlock top() {
        if (stack.isEmpty()) {
            throw new InstrumentationException("instruction after the end of the function body");
        }
        return stack.get(stack.size() - 1);
    }

    private int targetIndex(int label) {
        int target = stack.size() - 1 - label;
        if (label < 0 || target < 0) {
            throw new InstrumentationException("branch label " + Integer.toUnsignedString(label)
                    + " exceeds the control stack depth " + stack.size());
        }
        return target;
    }

    private void beginControlBlock(int start, boolean isLoop) {
        stack.add(new ControlBlock(stack.size(), start, isLoop));
    }

    private void increment(long cost) {
        ControlBlock top = top();
        long sum = top.activeCost + cost;
        if (Long.compareUnsigned(sum, top.activeCost) < 0) {
            throw new InstrumentationException("metered block cost overflows u64");
        }
        top.activeCost = sum;
    }

    private void finalizeControlBlock(int cursor) {
        finalizeMeteredBlock(cursor);
        ControlBlock closing = stack.remove(stack.size() - 1);
        int closingIndex = stack.size();
        if (stack.isEmpty()) {
            return;
        }
        ControlBlock parent = top();
        parent.lowestForwardBranchTarget =
                Math.min(parent.lowestForwardBranchTarget, closing.lowestForwardBranchTarget);
        if (closing.lowestForwardBranchTarget < closingIndex) {
            // control may leave the closed construct early, so the code after it starts a new metered block
            finalizeMeteredBlock(cursor);
        }
    }

    private void finalizeMeteredBlock(int cursor) {
        ControlBlock top = top();
        int closingStart = top.activeStart;
        long closingCost = top.activeCost;
        top.activeStart = cursor + 1;
        top.activeCost = 0;
        int lastIndex = stack.size() - 1;
        if (lastIndex > 0) {
            ControlBlock previous = stack.get(lastIndex - 1);
            if (closingStart == previous.activeStart) {
                // opened by `block`: merge into the enclosing metered block instead of charging separately
                previous.activeCost += closingCost;
                return;
            }
        }
        if (closingCost != 0) {
            finalized.add(new MeteredBlock(closingStart, closingCost));
        }
    }

    private void branch(int cursor, List<Integer> targets) {
        finalizeMeteredBlock(cursor);
        for (int target : targets) {
            if (target >= stack.size()) {
                throw new InstrumentationException("unable to find control stack index " + target);
            }
            if (stack.get(target).isLoop) {
                continue;
            }
            ControlBlock top = top();
            top.lowestForwardBranchTarget = Math.min(top.lowestForwardBranchTarget, target);
        }
    }
}

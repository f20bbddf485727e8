package org.fvmreplay.fvm.gas;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Opcode;
import org.fvmreplay.fvm.wasm.instrument.InstrumentationException;
import org.fvmreplay.fvm.wasm.instrument.gas.GasRules;
import org.fvmreplay.fvm.wasm.instrument.gas.InstructionCost;

/**
 * The gas-metering rules of a price list: each opcode falls in one of the reference's instruction
 * groups ({@link WasmInstructionClass}, as ref-fvm's {@code Rules for WasmGasPrices} sorts them)
 * and costs what {@link WasmGasPrices#cost} says for that group.
 */
public final class PriceListGasRules implements GasRules {
    private static final Map<Opcode, WasmInstructionClass> CLASSES = classify();

    private final WasmGasPrices prices;
    private final Map<WasmInstructionClass, InstructionCost> costs = new EnumMap<>(WasmInstructionClass.class);
    private final Map<WasmInstructionClass, String> rejections = new EnumMap<>(WasmInstructionClass.class);

    public PriceListGasRules(WasmGasPrices prices) {
        this.prices = requireNonNull(prices, "prices");
        for (WasmInstructionClass c : WasmInstructionClass.values()) {
            WasmInstructionCost cost = prices.cost(c);
            if (cost instanceof WasmInstructionCost.Fixed f) {
                costs.put(c, InstructionCost.fixed(f.milligas()));
            } else if (cost instanceof WasmInstructionCost.Linear l) {
                if (l.unitMilligas() > Integer.MAX_VALUE) {
                    // the instrumentation injects the unit cost as an i32 constant
                    rejections.put(
                            c,
                            "per-unit cost " + l.unitMilligas() + " milligas exceeds the instrumentation's i32 range");
                } else {
                    costs.put(c, new InstructionCost.Linear(l.baseMilligas(), (int) l.unitMilligas()));
                }
            } else {
                rejections.put(c, ((WasmInstructionCost.Unsupported) cost).reason());
            }
        }
    }

    /** The rules of a price list. */
    public static PriceListGasRules of(PriceList priceList) {
        return new PriceListGasRules(priceList.wasmGasPrices());
    }

    /** The reference's group of an opcode. */
    public static WasmInstructionClass classOf(Opcode opcode) {
        return CLASSES.get(requireNonNull(opcode, "opcode"));
    }

    @Override
    public InstructionCost instructionCost(Instruction instruction) {
        WasmInstructionClass c = CLASSES.get(instruction.opcode());
        InstructionCost cost = costs.get(c);
        if (cost == null) {
            throw new InstrumentationException(
                    instruction.opcode().mnemonic() + " is not allowed: " + rejections.get(c));
        }
        return cost;
    }

    @Override
    public long gasChargeCost() {
        return prices.gasChargeCost();
    }

    @Override
    public long linearCalcCost() {
        return prices.linearCalcCost();
    }

    private static Map<Opcode, WasmInstructionClass> classify() {
        Map<Opcode, WasmInstructionClass> m = new EnumMap<>(Opcode.class);
        put(
                m,
                WasmInstructionClass.FREE,
                EnumSet.of(
                        Opcode.NOP,
                        Opcode.BLOCK,
                        Opcode.LOOP,
                        Opcode.UNREACHABLE,
                        Opcode.RETURN,
                        Opcode.ELSE,
                        Opcode.END,
                        Opcode.DROP));
        put(m, WasmInstructionClass.JUMP_UNCONDITIONAL, EnumSet.of(Opcode.BR));
        put(m, WasmInstructionClass.JUMP_CONDITIONAL, EnumSet.of(Opcode.BR_IF, Opcode.IF));
        put(m, WasmInstructionClass.JUMP_INDIRECT, EnumSet.of(Opcode.BR_TABLE));
        put(m, WasmInstructionClass.CALL, EnumSet.of(Opcode.CALL));
        put(m, WasmInstructionClass.CALL_INDIRECT, EnumSet.of(Opcode.CALL_INDIRECT));
        // the reference prices these casts, constants and variable accesses as plain instructions, not math
        put(
                m,
                WasmInstructionClass.DEFAULT,
                EnumSet.of(
                        Opcode.I64_EXTEND_I32_U,
                        Opcode.I32_WRAP_I64,
                        Opcode.I32_REINTERPRET_F32,
                        Opcode.I64_REINTERPRET_F64,
                        Opcode.F32_REINTERPRET_I32,
                        Opcode.F64_REINTERPRET_I64,
                        Opcode.I32_CONST,
                        Opcode.I64_CONST,
                        Opcode.F32_CONST,
                        Opcode.F64_CONST,
                        Opcode.LOCAL_GET,
                        Opcode.LOCAL_SET,
                        Opcode.LOCAL_TEE,
                        Opcode.GLOBAL_GET,
                        Opcode.GLOBAL_SET,
                        Opcode.SELECT,
                        Opcode.SELECT_T,
                        Opcode.DATA_DROP,
                        Opcode.ELEM_DROP,
                        Opcode.MEMORY_SIZE,
                        Opcode.TABLE_SIZE));
        put(m, WasmInstructionClass.TABLE_COPY, EnumSet.of(Opcode.TABLE_INIT, Opcode.TABLE_COPY));
        put(m, WasmInstructionClass.TABLE_FILL, EnumSet.of(Opcode.TABLE_FILL, Opcode.TABLE_GROW));
        put(m, WasmInstructionClass.MEMORY_GROW, EnumSet.of(Opcode.MEMORY_GROW));
        put(m, WasmInstructionClass.MEMORY_FILL, EnumSet.of(Opcode.MEMORY_FILL));
        put(m, WasmInstructionClass.MEMORY_COPY, EnumSet.of(Opcode.MEMORY_INIT, Opcode.MEMORY_COPY));
        put(
                m,
                WasmInstructionClass.UNSUPPORTED,
                EnumSet.of(
                        Opcode.RETURN_CALL,
                        Opcode.RETURN_CALL_INDIRECT,
                        Opcode.REF_NULL,
                        Opcode.REF_IS_NULL,
                        Opcode.REF_FUNC));
        for (Opcode op : Opcode.values()) {
            if (m.containsKey(op)) {
                continue;
            }
            String name = op.mnemonic();
            if (name.contains(".load") || op == Opcode.TABLE_GET) {
                m.put(op, WasmInstructionClass.LOAD);
            } else if (name.contains(".store") || op == Opcode.TABLE_SET) {
                m.put(op, WasmInstructionClass.STORE);
            } else if (name.startsWith("i32.")
                    || name.startsWith("i64.")
                    || name.startsWith("f32.")
                    || name.startsWith("f64.")) {
                // arithmetic, bitwise, comparison, sign extension, truncation, conversion, sqrt
                m.put(op, WasmInstructionClass.MATH);
            } else {
                throw new IllegalStateException(
                        "opcode " + name + " has no gas class: classify it as the reference does");
            }
        }
        return m;
    }

    private static void put(Map<Opcode, WasmInstructionClass> m, WasmInstructionClass c, Set<Opcode> ops) {
        for (Opcode op : ops) {
            m.put(op, c);
        }
    }
}

package org.fvmreplay.fvm.wasm.instrument;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Opcode;

/**
 * A function body as parity-wasm 0.42 (used by fvm-wasm-instrument 0.2, hence FVM v2) decodes it. Its bulk-memory decoder
 * reads a single reserved byte after {@code memory.copy} and {@code table.copy}, so their second index byte (0x00) is read
 * as a separate {@code unreachable}; it writes them back with one byte too, so the module's bytes are unchanged, but the
 * metering and the stack-height analysis see an extra instruction. It also only accepts segment index 0 for
 * {@code memory.init}/{@code table.init} and knows no saturating truncation or table.grow/size/fill.
 */
public record ParityWasmView(List<Instruction> instructions, BitSet phantoms) {
    public ParityWasmView {
        instructions = List.copyOf(requireNonNull(instructions, "instructions is null"));
        phantoms = (BitSet) requireNonNull(phantoms, "phantoms is null").clone();
    }

    public static ParityWasmView of(List<Instruction> body) {
        List<Instruction> result = new ArrayList<>(body.size());
        BitSet phantoms = new BitSet();
        for (Instruction instruction : body) {
            Opcode opcode = instruction.opcode();
            if (opcode.prefix() == Opcode.MISC_PREFIX) {
                switch (opcode) {
                    case MEMORY_INIT, TABLE_INIT -> {
                        // parity-wasm reads "0x00, index" where the binary has "index, 0x00"
                        if (instruction.first() != 0 || instruction.second() != 0) {
                            throw new InstrumentationException("parity-wasm (fvm-wasm-instrument 0.2) cannot decode "
                                    + opcode + " " + instruction.first() + " " + instruction.second());
                        }
                    }
                    case MEMORY_COPY, TABLE_COPY, MEMORY_FILL, DATA_DROP, ELEM_DROP -> {}
                    default ->
                        throw new InstrumentationException(
                                "parity-wasm (fvm-wasm-instrument 0.2) does not know instruction " + opcode);
                }
            }
            result.add(instruction);
            if (opcode == Opcode.MEMORY_COPY || opcode == Opcode.TABLE_COPY) {
                if (instruction.second() != 0 || (opcode == Opcode.MEMORY_COPY && instruction.first() != 0)) {
                    throw new InstrumentationException("parity-wasm (fvm-wasm-instrument 0.2) cannot decode " + opcode
                            + " " + instruction.first() + " " + instruction.second());
                }
                phantoms.set(result.size());
                result.add(Instruction.of(Opcode.UNREACHABLE));
            }
        }
        return new ParityWasmView(result, phantoms);
    }

    public boolean isPhantom(int position) {
        return phantoms.get(position);
    }

    @Override
    public BitSet phantoms() {
        return (BitSet) phantoms.clone();
    }
}

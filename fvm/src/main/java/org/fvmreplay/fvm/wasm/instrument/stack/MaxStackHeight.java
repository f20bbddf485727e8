package org.fvmreplay.fvm.wasm.instrument.stack;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.wasm.binary.FuncType;
import org.fvmreplay.fvm.wasm.binary.Instruction;
import org.fvmreplay.fvm.wasm.binary.Opcode;
import org.fvmreplay.fvm.wasm.instrument.InstrumentationException;

/**
 * Maximum operand stack height of a function body as fvm-wasm-instrument 0.4's {@code max_height::compute} counts it:
 * the stack starts at the activation-frame cost 2, every value counts 1, unreachable code does not raise the maximum, and
 * the height is sampled before each instruction. Its simplifications (no reset at {@code else}, block types with a type index
 * count as one result) are kept, since the result feeds the injected constants.
 */
public final class MaxStackHeight {
    /** Static stack cost charged per call for the host's activation frame, as in the reference. */
    public static final int ACTIVATION_FRAME_COST = 2;

    private final List<Frame> frames = new ArrayList<>();
    private long height = ACTIVATION_FRAME_COST;

    private MaxStackHeight() {}

    private static final class Frame {
        boolean polymorphic;
        final int endArity;
        final int branchArity;
        final long startHeight;

        Frame(int endArity, int branchArity, long startHeight) {
            this.endArity = endArity;
            this.branchArity = branchArity;
            this.startHeight = startHeight;
        }
    }

    /**
     * @param signature the function's own type
     * @param functionTypes type of every function in the function index space (imports first), for {@code call}
     * @param types the module's type section, for {@code call_indirect}
     */
    public static long compute(
            List<Instruction> body, FuncType signature, List<FuncType> functionTypes, List<FuncType> types) {
        requireNonNull(body, "body is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(functionTypes, "functionTypes is null");
        requireNonNull(types, "types is null");
        return new MaxStackHeight().run(body, signature, functionTypes, types);
    }

    private long run(List<Instruction> body, FuncType signature, List<FuncType> functionTypes, List<FuncType> types) {
        int functionArity = signature.results().size();
        frames.add(new Frame(functionArity, functionArity, 0));
        long max = 0;
        for (Instruction instruction : body) {
            if (height > max && !frame(0).polymorphic) {
                max = height;
            }
            switch (instruction.opcode().stackEffect()) {
                case NONE -> {}
                case PUSH -> push(1);
                case POP -> pop(1);
                case POP2 -> pop(2);
                case POP3 -> pop(3);
                case UNARY -> {
                    pop(1);
                    push(1);
                }
                case BINARY -> {
                    pop(2);
                    push(1);
                }
                case SELECT -> {
                    pop(2);
                    pop(1);
                    push(1);
                }
                case UNSUPPORTED ->
                    throw new InstrumentationException(
                            "stack limiter: instruction " + instruction.opcode() + " is not supported");
                case CONTROL -> control(instruction, functionArity, functionTypes, types);
            }
        }
        return max;
    }

    private void control(
            Instruction instruction, int functionArity, List<FuncType> functionTypes, List<FuncType> types) {
        switch (instruction.opcode()) {
            case BLOCK, LOOP, IF -> {
                int endArity = instruction.isEmptyBlockType() ? 0 : 1;
                int branchArity = instruction.opcode() == Opcode.LOOP ? 0 : endArity;
                if (instruction.opcode() == Opcode.IF) {
                    pop(1);
                }
                frames.add(new Frame(endArity, branchArity, height));
            }
            case ELSE -> {}
            case END -> {
                if (frames.isEmpty()) {
                    throw new InstrumentationException("stack limiter: control stack is empty at end");
                }
                Frame frame = frames.remove(frames.size() - 1);
                height = frame.startHeight;
                push(frame.endArity);
            }
            case UNREACHABLE -> frame(0).polymorphic = true;
            case BR -> {
                pop(frame(instruction.index()).branchArity);
                frame(0).polymorphic = true;
            }
            case BR_IF -> {
                int arity = frame(instruction.index()).branchArity;
                pop(arity);
                pop(1);
                push(arity);
            }
            case BR_TABLE -> {
                int arity = frame((int) instruction.first()).branchArity;
                for (int label : instruction.labels()) {
                    if (frame(label).branchArity != arity) {
                        throw new InstrumentationException("stack limiter: arity of all jump-targets must be equal");
                    }
                }
                pop(arity);
                frame(0).polymorphic = true;
            }
            case RETURN -> {
                pop(functionArity);
                frame(0).polymorphic = true;
            }
            case CALL -> {
                int callee = instruction.index();
                if (callee < 0 || callee >= functionTypes.size()) {
                    throw new InstrumentationException(
                            "stack limiter: call to unknown function " + Integer.toUnsignedString(callee));
                }
                FuncType type = functionTypes.get(callee);
                pop(type.params().size());
                push(type.results().size());
            }
            case CALL_INDIRECT -> {
                int typeIndex = instruction.index();
                if (typeIndex < 0 || typeIndex >= types.size()) {
                    throw new InstrumentationException(
                            "stack limiter: call_indirect with unknown type " + Integer.toUnsignedString(typeIndex));
                }
                FuncType type = types.get(typeIndex);
                pop(1);
                pop(type.params().size());
                push(type.results().size());
            }
            default ->
                throw new InstrumentationException(
                        "stack limiter: unexpected control instruction " + instruction.opcode());
        }
    }

    private Frame frame(int relativeDepth) {
        int index = frames.size() - 1 - relativeDepth;
        if (frames.isEmpty() || relativeDepth < 0 || index < 0) {
            throw new InstrumentationException("stack limiter: control stack out of bounds (depth "
                    + Integer.toUnsignedString(relativeDepth) + ")");
        }
        return frames.get(index);
    }

    private void push(int count) {
        height += count;
        if (height > 0xFFFFFFFFL) {
            throw new InstrumentationException("stack limiter: stack height overflow");
        }
    }

    private void pop(int count) {
        if (count == 0) {
            return;
        }
        Frame top = frame(0);
        if (height == top.startHeight) {
            // popping below the frame is only allowed in unreachable (polymorphic) code, where it is a no-op
            if (top.polymorphic) {
                return;
            }
            throw new InstrumentationException("stack limiter: trying to pop more values than pushed");
        }
        if (height < count) {
            throw new InstrumentationException("stack limiter: stack underflow");
        }
        height -= count;
    }
}

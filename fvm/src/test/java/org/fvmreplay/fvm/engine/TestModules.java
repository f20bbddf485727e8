package org.fvmreplay.fvm.engine;

/**
 * Small WAT modules whose gas is computed by hand in the tests. Under {@link CountingRules}, a metered block costs the
 * number of its instructions, not counting {@code end} and {@code else}; {@code loop} and {@code if} count in the enclosing
 * block; a loop body is charged on every iteration.
 */
final class TestModules {
    private TestModules() {}

    /** 3 instructions: gas 3. */
    static final String STRAIGHT = """
            (module
              (memory (export "memory") 1)
              (func (export "run") (param $x i32) (result i32)
                local.get $x
                i32.const 2
                i32.add))
            """;

    /** Sum n..1. Outer block: loop + local.get = 2; loop body 9 per iteration: gas 2 + 9n. */
    static final String LOOP = """
            (module
              (memory (export "memory") 1)
              (func (export "run") (param $n i32) (result i32)
                (local $acc i32)
                (loop $l
                  local.get $acc
                  local.get $n
                  i32.add
                  local.set $acc
                  local.get $n
                  i32.const 1
                  i32.sub
                  local.tee $n
                  br_if $l)
                local.get $acc))
            """;

    /** local.get + if = 2; then-branch 3, else-branch 1: gas 5 (x != 0, result 30) or 3 (x == 0, result 7). */
    static final String BRANCH = """
            (module
              (memory (export "memory") 1)
              (func (export "run") (param $x i32) (result i32)
                local.get $x
                if (result i32)
                  i32.const 10
                  i32.const 20
                  i32.add
                else
                  i32.const 7
                end))
            """;

    /** run = 3, each square = 3: gas 9, result x^4. */
    static final String CALLS = """
            (module
              (memory (export "memory") 1)
              (func $square (param i32) (result i32)
                local.get 0
                local.get 0
                i32.mul)
              (func (export "run") (param $x i32) (result i32)
                local.get $x
                call $square
                call $square))
            """;

    /** local.get + memory.grow base = 2, plus 100 per requested page at run time; returns the old size or -1. */
    static final String GROW_DYNAMIC = """
            (module
              (memory (export "memory") 1 10)
              (func (export "run") (param $pages i32) (result i32)
                local.get $pages
                memory.grow))
            """;

    /** i32.const 2 folds into memory.grow: 1 + 1 + 2*100 + drop + memory.size = 204, returns 3. */
    static final String GROW_STATIC = """
            (module
              (memory (export "memory") 1 10)
              (func (export "run") (param $unused i32) (result i32)
                i32.const 2
                memory.grow
                drop
                memory.size))
            """;

    /** Memory without a maximum: only the engine's instance limit stops memory.grow. */
    static final String GROW_UNBOUNDED = """
            (module
              (memory (export "memory") 1)
              (func (export "run") (param $pages i32) (result i32)
                local.get $pages
                memory.grow))
            """;

    /** 10 instructions (fill and copy count 1 each) plus 2 per byte for fill and for copy: gas 10 + 4n; returns 7 (n > 0). */
    static final String FILL_COPY = """
            (module
              (memory (export "memory") 1)
              (func (export "run") (param $n i32) (result i32)
                i32.const 0
                i32.const 7
                local.get $n
                memory.fill
                i32.const 100
                i32.const 0
                local.get $n
                memory.copy
                i32.const 100
                i32.load8_u))
            """;

    /** Records 0, 1, 2, ... through env.record until n. Outer block 2, loop body 9 per iteration. */
    static final String RECORDING_LOOP = """
            (module
              (import "env" "record" (func $record (param i32)))
              (memory (export "memory") 1)
              (func (export "run") (param $n i32) (result i32)
                (local $i i32)
                (loop $l
                  local.get $i
                  call $record
                  local.get $i
                  i32.const 1
                  i32.add
                  local.tee $i
                  local.get $n
                  i32.lt_u
                  br_if $l)
                local.get $i))
            """;

    /**
     * Unbounded recursion recording its depth. Stack limiter costs (locals groups + activation frame 2 + max operand
     * height): run 3, rec 4. The run thunk adds 3, each call of rec adds 4; the call that would exceed the limit traps.
     */
    static final String RECURSION = """
            (module
              (import "env" "record" (func $record (param i32)))
              (memory (export "memory") 1)
              (func $rec (param $d i32)
                local.get $d
                call $record
                local.get $d
                i32.const 1
                i32.add
                call $rec)
              (func (export "run") (param $d i32) (result i32)
                local.get $d
                call $rec
                i32.const 0))
            """;

    /** Calls env.abort with the argument as exit code. */
    static final String HOST_ABORT = """
            (module
              (import "env" "abort" (func $abort (param i32)))
              (memory (export "memory") 1)
              (func (export "run") (param $code i32) (result i32)
                local.get $code
                call $abort
                i32.const 0))
            """;

    /** Traps: 0 divides by zero, 1 reads out of bounds, 2 unreachable, 3 signed overflow, 4 bad float conversion, 5 null table entry. */
    static final String TRAPS = """
            (module
              (type $t (func (result i32)))
              (table 2 funcref)
              (memory (export "memory") 1)
              (func (export "run") (param $which i32) (result i32)
                block
                  block
                    block
                      block
                        block
                          block
                            local.get $which
                            br_table 0 1 2 3 4 5
                          end
                          i32.const 1
                          i32.const 0
                          i32.div_u
                          return
                        end
                        i32.const 65536
                        i32.load
                        return
                      end
                      unreachable
                    end
                    i32.const 0x80000000
                    i32.const -1
                    i32.div_s
                    return
                  end
                  f32.const nan
                  i32.trunc_f32_s
                  return
                end
                i32.const 1
                call_indirect (type $t)))
            """;
}

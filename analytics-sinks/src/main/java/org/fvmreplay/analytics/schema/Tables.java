package org.fvmreplay.analytics.schema;

import static java.util.Objects.requireNonNull;
import static org.fvmreplay.analytics.schema.ColumnType.Primitive.BINARY;
import static org.fvmreplay.analytics.schema.ColumnType.Primitive.BOOLEAN;
import static org.fvmreplay.analytics.schema.ColumnType.Primitive.DECIMAL;
import static org.fvmreplay.analytics.schema.ColumnType.Primitive.DOUBLE;
import static org.fvmreplay.analytics.schema.ColumnType.Primitive.INT32;
import static org.fvmreplay.analytics.schema.ColumnType.Primitive.INT64;
import static org.fvmreplay.analytics.schema.ColumnType.Primitive.STRING;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fvmreplay.analytics.rows.CallRow;
import org.fvmreplay.analytics.rows.ChargeRepricing;
import org.fvmreplay.analytics.rows.EventEntry;
import org.fvmreplay.analytics.rows.EventRow;
import org.fvmreplay.analytics.rows.GasChargeRow;
import org.fvmreplay.analytics.rows.MessageRow;
import org.fvmreplay.analytics.rows.RepricingRow;
import org.fvmreplay.analytics.rows.StateDiffRow;
import org.fvmreplay.analytics.rows.StateFieldChange;
import org.fvmreplay.analytics.rows.SyscallRow;
import org.fvmreplay.analytics.rows.TipsetRow;

/** The tables a replay writes, with Filecoin's names: token amounts in attoFIL, gas in gas units unless named milligas. */
public final class Tables {
    private static final String ATTO = " (attoFIL)";

    /** One row per replayed tipset: its roots as computed and as the chain recorded them, and fee totals. */
    public static final Table<TipsetRow> TIPSETS = new Table<>(
            "tipsets",
            TipsetRow.class,
            "One row per replayed tipset: the roots it computed against those the chain recorded, and totals over its messages.",
            Columns.of(TipsetRow.class)
                    .required("epoch", INT64, "Height of the tipset", TipsetRow::epoch)
                    .required(
                            "tipset_key",
                            new ColumnType.ListOf(STRING),
                            "CIDs of its blocks, in tipset order",
                            TipsetRow::tipsetKey)
                    .required("block_count", INT32, "Number of blocks", TipsetRow::blockCount)
                    .required(
                            "network_version",
                            INT32,
                            "Network version its messages ran under",
                            TipsetRow::networkVersion)
                    .required(
                            "base_fee",
                            DECIMAL,
                            "Base fee its messages paid: its blocks' parent base fee" + ATTO,
                            TipsetRow::baseFee)
                    .required(
                            "parent_state_root",
                            STRING,
                            "State root the tipset executed from (its blocks' parent state root)",
                            TipsetRow::parentStateRoot)
                    .nullable(
                            "computed_state_root",
                            STRING,
                            "State root the replay computed; null when the tipset did not execute",
                            TipsetRow::computedStateRoot)
                    .nullable(
                            "expected_state_root",
                            STRING,
                            "State root the chain recorded: the child tipset's parent state root; null when the child is not in the store",
                            TipsetRow::expectedStateRoot)
                    .nullable(
                            "computed_receipts_root",
                            STRING,
                            "Receipts AMT root the replay computed; null when the tipset did not execute",
                            TipsetRow::computedReceiptsRoot)
                    .nullable(
                            "expected_receipts_root",
                            STRING,
                            "Receipts root the chain recorded: the child tipset's parent message receipts; null when the child is not in the store",
                            TipsetRow::expectedReceiptsRoot)
                    .required(
                            "status",
                            STRING,
                            "MATCH, MISMATCH, MIGRATION (unported state migration), MISSING_STATE or UNSUPPORTED (network version)",
                            TipsetRow::status)
                    .required(
                            "detail",
                            STRING,
                            "One line for people: what differs, which CID is missing, which migration is needed",
                            TipsetRow::detail)
                    .required(
                            "message_count",
                            INT32,
                            "Explicit messages applied (duplicates across blocks counted once)",
                            TipsetRow::messageCount)
                    .required(
                            "implicit_message_count",
                            INT32,
                            "Implicit messages applied: a reward per block, cron, cron of each null round",
                            TipsetRow::implicitMessageCount)
                    .required("gas_used", INT64, "Gas used by the explicit messages (gas units)", TipsetRow::gasUsed)
                    .required(
                            "gas_limit",
                            INT64,
                            "Gas limits of the explicit messages, summed (gas units)",
                            TipsetRow::gasLimit)
                    .required(
                            "base_fee_burn",
                            DECIMAL,
                            "Base fee burnt by the explicit messages" + ATTO,
                            TipsetRow::baseFeeBurn)
                    .required(
                            "over_estimation_burn",
                            DECIMAL,
                            "Gas over-estimation burnt by the explicit messages" + ATTO,
                            TipsetRow::overEstimationBurn)
                    .required(
                            "miner_tip",
                            DECIMAL,
                            "Tips paid to block miners by the explicit messages" + ATTO,
                            TipsetRow::minerTip)
                    .required(
                            "miner_penalty",
                            DECIMAL,
                            "Penalties charged to block miners for the explicit messages" + ATTO,
                            TipsetRow::minerPenalty)
                    .required(
                            "refund",
                            DECIMAL,
                            "Gas refunded to the senders of the explicit messages" + ATTO,
                            TipsetRow::refund)
                    .required(
                            "elapsed_ms",
                            DOUBLE,
                            "Wall time the replay of the tipset took, in milliseconds",
                            TipsetRow::elapsedMs)
                    .build());

    /** One row per applied message, explicit or implicit. */
    public static final Table<MessageRow> MESSAGES = new Table<>(
            "messages",
            MessageRow.class,
            "One row per applied message, explicit (from blocks) or implicit (rewards, cron): the message, its receipt and its fees.",
            Columns.of(MessageRow.class)
                    .required(
                            "message_cid",
                            STRING,
                            "CID of the unsigned message (the one receipts and events refer to)",
                            MessageRow::messageCid)
                    .nullable(
                            "signed_cid",
                            STRING,
                            "CID of the signed message, for secp256k1 and delegated senders",
                            MessageRow::signedCid)
                    .nullable(
                            "block_cid",
                            STRING,
                            "The inclusion block (first in tipset order that carries it); null for implicit messages",
                            MessageRow::blockCid)
                    .required(
                            "inclusion_epoch",
                            INT64,
                            "Height of the tipset that included it (implicit: the tipset it was applied for)",
                            MessageRow::inclusionEpoch)
                    .required(
                            "execution_epoch",
                            INT64,
                            "Epoch the VM ran it at; differs from inclusion_epoch for the cron of a null round",
                            MessageRow::executionEpoch)
                    .nullable(
                            "receipt_epoch",
                            INT64,
                            "Height of the child tipset whose header commits to its receipt",
                            MessageRow::receiptEpoch)
                    .nullable(
                            "index_in_tipset",
                            INT32,
                            "Position of its receipt in the receipts AMT; null for implicit messages",
                            MessageRow::indexInTipset)
                    .required(
                            "execution_index",
                            INT32,
                            "Position in the tipset's execution order, implicit messages included (0-based)",
                            MessageRow::executionIndex)
                    .required(
                            "implicit",
                            BOOLEAN,
                            "True for messages the system applies (rewards, cron)",
                            MessageRow::implicit)
                    .nullable(
                            "implicit_kind",
                            STRING,
                            "reward or cron for implicit messages; null for explicit ones",
                            MessageRow::implicitKind)
                    .required("from_address", STRING, "Sender address as in the message", MessageRow::fromAddress)
                    .nullable("from_id", INT64, "Sender's actor ID, when it resolves", MessageRow::fromId)
                    .required("to_address", STRING, "Receiver address as in the message", MessageRow::toAddress)
                    .nullable(
                            "to_id",
                            INT64,
                            "Receiver's actor ID, when it resolves (after the message, so created actors have one)",
                            MessageRow::toId)
                    .nullable(
                            "to_actor_type",
                            STRING,
                            "Receiver's builtin actor type (account, miner, evm, ...)",
                            MessageRow::toActorType)
                    .required("method", INT64, "Method number", MessageRow::method)
                    .nullable(
                            "method_name",
                            STRING,
                            "Method name as Lotus shows it, when the receiver is a builtin actor that exports the method",
                            MessageRow::methodName)
                    .required("value", DECIMAL, "Value transferred" + ATTO, MessageRow::value)
                    .required(
                            "params",
                            BINARY,
                            "Raw parameters (DAG-CBOR for builtin actors), empty when none",
                            MessageRow::params)
                    .required("nonce", INT64, "Sender nonce (sequence)", MessageRow::nonce)
                    .required("gas_limit", INT64, "Gas limit (gas units)", MessageRow::gasLimit)
                    .required("gas_fee_cap", DECIMAL, "Gas fee cap" + " (attoFIL per gas unit)", MessageRow::gasFeeCap)
                    .required("gas_premium", DECIMAL, "Gas premium" + " (attoFIL per gas unit)", MessageRow::gasPremium)
                    .required("exit_code", INT32, "Receipt exit code", MessageRow::exitCode)
                    .required("gas_used", INT64, "Receipt gas used (gas units)", MessageRow::gasUsed)
                    .required("return_data", BINARY, "Receipt return value, empty when none", MessageRow::returnData)
                    .required("base_fee_burn", DECIMAL, "Base fee burnt" + ATTO, MessageRow::baseFeeBurn)
                    .required(
                            "over_estimation_burn",
                            DECIMAL,
                            "Burnt for over-estimating the gas limit" + ATTO,
                            MessageRow::overEstimationBurn)
                    .required(
                            "miner_penalty",
                            DECIMAL,
                            "Penalty charged to the block miner" + ATTO,
                            MessageRow::minerPenalty)
                    .required("miner_tip", DECIMAL, "Tip paid to the block miner" + ATTO, MessageRow::minerTip)
                    .required("refund", DECIMAL, "Gas refunded to the sender" + ATTO, MessageRow::refund)
                    .nullable(
                            "events_root",
                            STRING,
                            "Root of its events AMT (FIP-0049); null when it emitted none",
                            MessageRow::eventsRoot)
                    .required("event_count", INT32, "Number of events it emitted", MessageRow::eventCount)
                    .nullable(
                            "failure_info",
                            STRING,
                            "Why it failed, as the VM reports it (backtrace summary); null on success",
                            MessageRow::failureInfo)
                    .nullable(
                            "decode_error",
                            STRING,
                            "Why a derived column (method_name, to_actor_type) could not be filled",
                            MessageRow::decodeError)
                    .build());

    /** One row per actor call inside a message. */
    public static final Table<CallRow> CALLS = new Table<>(
            "calls",
            CallRow.class,
            "One row per actor call inside a message, the message's own call included: the call tree with exit codes and gas.",
            Columns.of(CallRow.class)
                    .required("execution_epoch", INT64, "Epoch the message ran at", CallRow::executionEpoch)
                    .required("message_cid", STRING, "The message (messages.message_cid)", CallRow::messageCid)
                    .required(
                            "call_index",
                            INT32,
                            "Order of the call within the message; 0 is the message's own call",
                            CallRow::callIndex)
                    .nullable(
                            "parent_index",
                            INT32,
                            "call_index of the calling call; null for call 0",
                            CallRow::parentIndex)
                    .required("depth", INT32, "Nesting depth; 0 for the message's own call", CallRow::depth)
                    .required("from_id", INT64, "Caller's actor ID", CallRow::fromId)
                    .required("to_address", STRING, "Callee address as the caller gave it", CallRow::toAddress)
                    .nullable("to_id", INT64, "Callee's actor ID, when it resolves", CallRow::toId)
                    .nullable("to_actor_type", STRING, "Callee's builtin actor type", CallRow::toActorType)
                    .required("method", INT64, "Method number", CallRow::method)
                    .nullable(
                            "method_name",
                            STRING,
                            "Method name as Lotus shows it, when the callee's builtin actor type is known and exports the method",
                            CallRow::methodName)
                    .required("value", DECIMAL, "Value transferred" + ATTO, CallRow::value)
                    .required("exit_code", INT32, "Exit code of the call", CallRow::exitCode)
                    .nullable("error", STRING, "Syscall error or abort message of a failed call", CallRow::error)
                    .required(
                            "gas_milligas",
                            INT64,
                            "Gas charged while the call ran, its subcalls included (milligas)",
                            CallRow::gasMilligas)
                    .build());

    /** One row per gas charge. */
    public static final Table<GasChargeRow> GAS_CHARGES = new Table<>(
            "gas_charges",
            GasChargeRow.class,
            "One row per gas charge of a message, in the order the VM made them: what a repricing changes.",
            Columns.of(GasChargeRow.class)
                    .required("execution_epoch", INT64, "Epoch the message ran at", GasChargeRow::executionEpoch)
                    .required("message_cid", STRING, "The message (messages.message_cid)", GasChargeRow::messageCid)
                    .required(
                            "charge_index", INT32, "Order of the charge within the message", GasChargeRow::chargeIndex)
                    .nullable(
                            "call_index",
                            INT32,
                            "The call running when it was charged (calls.call_index); null outside any call",
                            GasChargeRow::callIndex)
                    .required(
                            "name",
                            STRING,
                            "Charge name as the FVM gas tracer names it (OnChainMessage, wasm_exec, OnBlockRead, ...)",
                            GasChargeRow::name)
                    .required("compute_milligas", INT64, "Compute gas (milligas)", GasChargeRow::computeMilligas)
                    .required(
                            "storage_milligas",
                            INT64,
                            "Storage and other non-compute gas (milligas)",
                            GasChargeRow::storageMilligas)
                    .required(
                            "total_milligas",
                            INT64,
                            "compute_milligas + storage_milligas (milligas)",
                            GasChargeRow::totalMilligas)
                    .required(
                            "elapsed_ns",
                            INT64,
                            "Wall time since the previous charge, in nanoseconds (0 when not timed)",
                            GasChargeRow::elapsedNs)
                    .build());

    /** One row per message and syscall. */
    public static final Table<SyscallRow> SYSCALLS = new Table<>(
            "syscalls",
            SyscallRow.class,
            "One row per message and syscall it made: how often, and the gas those calls charged.",
            Columns.of(SyscallRow.class)
                    .required("execution_epoch", INT64, "Epoch the message ran at", SyscallRow::executionEpoch)
                    .required("message_cid", STRING, "The message (messages.message_cid)", SyscallRow::messageCid)
                    .required("namespace", STRING, "Syscall module (ipld, actor, crypto, ...)", SyscallRow::namespace)
                    .required("name", STRING, "Syscall function name", SyscallRow::name)
                    .required("count", INT64, "Number of calls", SyscallRow::count)
                    .required("gas_milligas", INT64, "Gas charged by those calls (milligas)", SyscallRow::gasMilligas)
                    .build());

    /** One row per actor event. */
    public static final Table<EventRow> EVENTS = new Table<>(
            "events",
            EventRow.class,
            "One row per actor event (FIP-0049) a message emitted, with FEVM log topics and data split out.",
            Columns.of(EventRow.class)
                    .required("execution_epoch", INT64, "Epoch the message ran at", EventRow::executionEpoch)
                    .required("message_cid", STRING, "The message (messages.message_cid)", EventRow::messageCid)
                    .required("event_index", INT32, "Position in the message's events AMT", EventRow::eventIndex)
                    .required("emitter_id", INT64, "Actor ID of the emitter", EventRow::emitterId)
                    .required(
                            "entries",
                            new ColumnType.ListOf(new ColumnType.StructOf(List.copyOf(Columns.of(EventEntry.class)
                                    .required(
                                            "flags",
                                            INT64,
                                            "Entry flags (bit 0 indexes the key, bit 1 the value)",
                                            EventEntry::flags)
                                    .required("key", STRING, "Entry key", EventEntry::key)
                                    .required(
                                            "codec",
                                            INT64,
                                            "IPLD codec of the value (0x51 CBOR, 0x55 raw)",
                                            EventEntry::codec)
                                    .required("value", BINARY, "Entry value", EventEntry::value)
                                    .build()))),
                            "The event's entries, in order",
                            EventRow::entries)
                    .nullable(
                            "topics",
                            new ColumnType.ListOf(BINARY),
                            "Topics of an FEVM log (keys t1..t4, 32 bytes each); null for other events",
                            EventRow::topics)
                    .nullable("data", BINARY, "Data of an FEVM log (key d); null for other events", EventRow::data)
                    .required(
                            "raw", BINARY, "The DAG-CBOR encoded ActorEvent as stored in the events AMT", EventRow::raw)
                    .nullable(
                            "decode_error",
                            STRING,
                            "Why entries, topics or data could not be decoded from raw",
                            EventRow::decodeError)
                    .build());

    /** One row per message and actor it changed. */
    public static final Table<StateDiffRow> STATE_DIFFS = new Table<>(
            "state_diffs",
            StateDiffRow.class,
            "One row per message (or state migration) and actor whose state tree entry it changed: old and new values, and the changed top-level state fields. Applied in execution_index order (migrations first) to a tipset's parent state, they give its computed state root.",
            Columns.of(StateDiffRow.class)
                    .required(
                            "tipset_epoch",
                            INT64,
                            "Height of the tipset whose execution made the change (messages.inclusion_epoch)",
                            StateDiffRow::tipsetEpoch)
                    .required(
                            "execution_epoch",
                            INT64,
                            "Epoch the message (or the state migration) ran at",
                            StateDiffRow::executionEpoch)
                    .nullable(
                            "message_cid",
                            STRING,
                            "The message (messages.message_cid); null for a state migration's changes",
                            StateDiffRow::messageCid)
                    .nullable(
                            "execution_index",
                            INT32,
                            "The message's messages.execution_index; null for a state migration, which runs before the messages",
                            StateDiffRow::executionIndex)
                    .required("actor_id", INT64, "Actor ID", StateDiffRow::actorId)
                    .nullable(
                            "address",
                            STRING,
                            "Robust or delegated address of the actor, when known",
                            StateDiffRow::address)
                    .required("change", STRING, "created, deleted or modified", StateDiffRow::change)
                    .nullable(
                            "actor_type",
                            STRING,
                            "Builtin actor type (of the new code; of the old code when deleted)",
                            StateDiffRow::actorType)
                    .nullable("old_code", STRING, "Code CID before; null when created", StateDiffRow::oldCode)
                    .nullable("new_code", STRING, "Code CID after; null when deleted", StateDiffRow::newCode)
                    .nullable("old_head", STRING, "State head CID before", StateDiffRow::oldHead)
                    .nullable("new_head", STRING, "State head CID after", StateDiffRow::newHead)
                    .nullable("old_nonce", INT64, "Nonce (sequence) before", StateDiffRow::oldNonce)
                    .nullable("new_nonce", INT64, "Nonce (sequence) after", StateDiffRow::newNonce)
                    .nullable("old_balance", DECIMAL, "Balance before" + ATTO, StateDiffRow::oldBalance)
                    .nullable("new_balance", DECIMAL, "Balance after" + ATTO, StateDiffRow::newBalance)
                    .nullable(
                            "old_delegated_address",
                            STRING,
                            "Delegated (f4) address before",
                            StateDiffRow::oldDelegatedAddress)
                    .nullable(
                            "new_delegated_address",
                            STRING,
                            "Delegated (f4) address after",
                            StateDiffRow::newDelegatedAddress)
                    .nullable(
                            "state_fields",
                            new ColumnType.ListOf(new ColumnType.StructOf(List.copyOf(Columns.of(StateFieldChange.class)
                                    .required(
                                            "field_index",
                                            INT32,
                                            "Position of the field in the state tuple",
                                            StateFieldChange::fieldIndex)
                                    .nullable(
                                            "old_value",
                                            BINARY,
                                            "DAG-CBOR of the field before; null when absent",
                                            StateFieldChange::oldValue)
                                    .nullable(
                                            "new_value",
                                            BINARY,
                                            "DAG-CBOR of the field after; null when absent",
                                            StateFieldChange::newValue)
                                    .build()))),
                            "Top-level state fields that differ; null when the state was not decoded",
                            StateDiffRow::stateFields)
                    .nullable(
                            "decode_error",
                            STRING,
                            "Why the state could not be decoded into fields",
                            StateDiffRow::decodeError)
                    .build());

    /** One row per explicit message replayed under two price lists. */
    public static final Table<RepricingRow> REPRICING = new Table<>(
            "repricing",
            RepricingRow.class,
            "One row per explicit message of a repricing study (--price-nv, --price-list): the message replayed under the chain's prices (before) and under the study's (after), each tipset on its own from the chain's parent state, so changes do not compound across tipsets (within a tipset, a message sees the state its predecessors left under the same prices). Fees are what the message pays at the tipset's base fee; after columns are null when error_after is set.",
            Columns.of(RepricingRow.class)
                    .required("execution_epoch", INT64, "Epoch the message ran at", RepricingRow::executionEpoch)
                    .required("message_cid", STRING, "The message (messages.message_cid)", RepricingRow::messageCid)
                    .required(
                            "execution_index",
                            INT32,
                            "Its messages.execution_index (the same in both runs)",
                            RepricingRow::executionIndex)
                    .required("network_version", INT32, "Network version it ran under", RepricingRow::networkVersion)
                    .nullable(
                            "to_actor_type",
                            STRING,
                            "Receiver's builtin actor type (messages.to_actor_type)",
                            RepricingRow::toActorType)
                    .required("method", INT64, "Method number", RepricingRow::method)
                    .nullable(
                            "method_name",
                            STRING,
                            "Method name as Lotus shows it (messages.method_name)",
                            RepricingRow::methodName)
                    .required("gas_limit", INT64, "Gas limit (gas units)", RepricingRow::gasLimit)
                    .required("base_fee", DECIMAL, "Base fee of its tipset" + ATTO, RepricingRow::baseFee)
                    .required(
                            "prices_before",
                            STRING,
                            "Price list the chain ran it under (e.g. TEEP_PRICES)",
                            RepricingRow::pricesBefore)
                    .required(
                            "prices_after",
                            STRING,
                            "Price list of the study for its network version",
                            RepricingRow::pricesAfter)
                    .required(
                            "exit_code_before",
                            INT32,
                            "Exit code under the chain's prices",
                            RepricingRow::exitCodeBefore)
                    .nullable(
                            "exit_code_after", INT32, "Exit code under the study's prices", RepricingRow::exitCodeAfter)
                    .required(
                            "gas_used_before",
                            INT64,
                            "Gas used under the chain's prices (gas units)",
                            RepricingRow::gasUsedBefore)
                    .nullable(
                            "gas_used_after",
                            INT64,
                            "Gas used under the study's prices (gas units)",
                            RepricingRow::gasUsedAfter)
                    .nullable(
                            "out_of_gas_after",
                            BOOLEAN,
                            "Whether it exits with SysErrOutOfGas (7) under the study's prices",
                            RepricingRow::outOfGasAfter)
                    .nullable(
                            "flips_to_out_of_gas",
                            BOOLEAN,
                            "Out of gas under the study's prices but not under the chain's",
                            RepricingRow::flipsToOutOfGas)
                    .required(
                            "base_fee_burn_before",
                            DECIMAL,
                            "Base fee burnt under the chain's prices" + ATTO,
                            RepricingRow::baseFeeBurnBefore)
                    .nullable(
                            "base_fee_burn_after",
                            DECIMAL,
                            "Base fee burnt under the study's prices" + ATTO,
                            RepricingRow::baseFeeBurnAfter)
                    .required(
                            "over_estimation_burn_before",
                            DECIMAL,
                            "Over-estimation burnt under the chain's prices" + ATTO,
                            RepricingRow::overEstimationBurnBefore)
                    .nullable(
                            "over_estimation_burn_after",
                            DECIMAL,
                            "Over-estimation burnt under the study's prices" + ATTO,
                            RepricingRow::overEstimationBurnAfter)
                    .required(
                            "miner_tip_before",
                            DECIMAL,
                            "Tip paid to the miner under the chain's prices" + ATTO,
                            RepricingRow::minerTipBefore)
                    .nullable(
                            "miner_tip_after",
                            DECIMAL,
                            "Tip paid to the miner under the study's prices" + ATTO,
                            RepricingRow::minerTipAfter)
                    .required(
                            "refund_before",
                            DECIMAL,
                            "Refunded to the sender under the chain's prices" + ATTO,
                            RepricingRow::refundBefore)
                    .nullable(
                            "refund_after",
                            DECIMAL,
                            "Refunded to the sender under the study's prices" + ATTO,
                            RepricingRow::refundAfter)
                    .required(
                            "total_fee_before",
                            DECIMAL,
                            "What the sender paid under the chain's prices: base fee burn + over-estimation burn + miner tip"
                                    + ATTO,
                            RepricingRow::totalFeeBefore)
                    .nullable(
                            "total_fee_after",
                            DECIMAL,
                            "What the sender pays under the study's prices, the same sum" + ATTO,
                            RepricingRow::totalFeeAfter)
                    .required(
                            "charges",
                            new ColumnType.ListOf(new ColumnType.StructOf(List.copyOf(Columns.of(ChargeRepricing.class)
                                    .required(
                                            "charge_name",
                                            STRING,
                                            "Charge name (gas_charges.name)",
                                            ChargeRepricing::chargeName)
                                    .required(
                                            "count_before",
                                            INT64,
                                            "Times charged under the chain's prices",
                                            ChargeRepricing::countBefore)
                                    .required(
                                            "count_after",
                                            INT64,
                                            "Times charged under the study's prices",
                                            ChargeRepricing::countAfter)
                                    .required(
                                            "gas_before_milligas",
                                            INT64,
                                            "Charged under the chain's prices (milligas)",
                                            ChargeRepricing::gasBeforeMilligas)
                                    .required(
                                            "gas_after_milligas",
                                            INT64,
                                            "Charged under the study's prices (milligas)",
                                            ChargeRepricing::gasAfterMilligas)
                                    .required(
                                            "elapsed_ns_before",
                                            INT64,
                                            "Wall time of those charges in the first run (gas_charges.elapsed_ns summed)",
                                            ChargeRepricing::elapsedNsBefore)
                                    .required(
                                            "elapsed_ns_after",
                                            INT64,
                                            "Wall time of those charges in the repriced run",
                                            ChargeRepricing::elapsedNsAfter)
                                    .build()))),
                            "Per charge name, in order of first charge: counts, gas and time under both price lists",
                            RepricingRow::charges)
                    .nullable(
                            "error_after",
                            STRING,
                            "Why the repriced run gave no result (e.g. an implicit message failed under the new prices)",
                            RepricingRow::errorAfter)
                    .build());

    /** Every table, in the order of the schema document. */
    public static final List<Table<?>> ALL =
            List.of(TIPSETS, MESSAGES, CALLS, GAS_CHARGES, SYSCALLS, EVENTS, STATE_DIFFS, REPRICING);

    /** The tables of a plain replay: every table but {@link #REPRICING}, which needs a study's prices. */
    public static final List<Table<?>> REPLAY =
            ALL.stream().filter(t -> t != REPRICING).toList();

    private Tables() {}

    /** The names of every table, in order. */
    public static List<String> names() {
        return ALL.stream().map(Table::name).toList();
    }

    /** The names of {@link #REPLAY}'s tables, in order: a replay's default. */
    public static List<String> replayNames() {
        return REPLAY.stream().map(Table::name).toList();
    }

    /** The table named {@code name}; fails naming the valid ones. */
    public static Table<?> byName(String name) {
        requireNonNull(name, "name is null");
        for (Table<?> table : ALL) {
            if (table.name().equals(name)) {
                return table;
            }
        }
        throw new IllegalArgumentException("unknown table '" + name + "'; valid tables: " + String.join(", ", names()));
    }

    /**
     * The tables of a comma-separated list such as {@code messages,calls} (a {@code --tables} option), in the order of
     * {@link #ALL} and without duplicates; fails on an unknown name (listing the valid ones) or an empty list.
     */
    public static List<Table<?>> parse(String commaSeparated) {
        requireNonNull(commaSeparated, "commaSeparated is null");
        Set<Table<?>> selected = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (names().contains(name)) {
                selected.add(byName(name));
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown table" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + "; valid tables: "
                    + String.join(", ", names()));
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no table selected; valid tables: " + String.join(", ", names()));
        }
        return ALL.stream().filter(selected::contains).toList();
    }
}

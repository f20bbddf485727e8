"""What every notebook starts with: find the replay output, open its tables in DuckDB, save plots as PNG.

FVM_REPLAY_OUTPUT names the output folder (default ../fvm-replay-output, the repository's default output, relative to
the notebook). It is either one run folder (it has _run.json) or a folder of such run folders, one per chain, as
`fvm-replay job --chains` writes. Each table becomes a DuckDB view of the same name with a `chain` column added in front
(the run folder's name), so one query covers every chain.

FVM_REPLAY_PLOTS names the folder the PNGs go to (default: the notebook's working folder, i.e. next to it).
"""

import json
import os
from pathlib import Path

import duckdb
import pandas as pd

# tables print numbers as people read them (52,805,228, 30.5, 0.01) rather than in scientific notation
pd.set_option("display.float_format", lambda v: f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.4g}")

TABLES = ["tipsets", "messages", "calls", "gas_charges", "syscalls", "events", "state_diffs", "repricing"]

ATTO_PER_NANOFIL = 1e9

# Receipt exit codes by name: the VM's (fvm_shared ExitCode), the builtin actors' common ones, and the EVM actor's revert.
EXIT_CODES = {
    0: "OK",
    1: "SYS_SENDER_INVALID",
    2: "SYS_SENDER_STATE_INVALID",
    4: "SYS_ILLEGAL_INSTRUCTION",
    5: "SYS_INVALID_RECEIVER",
    6: "SYS_INSUFFICIENT_FUNDS",
    7: "SYS_OUT_OF_GAS",
    9: "SYS_ILLEGAL_EXIT_CODE",
    10: "SYS_ASSERTION_FAILED",
    11: "SYS_MISSING_RETURN",
    16: "USR_ILLEGAL_ARGUMENT",
    17: "USR_NOT_FOUND",
    18: "USR_FORBIDDEN",
    19: "USR_INSUFFICIENT_FUNDS",
    20: "USR_ILLEGAL_STATE",
    21: "USR_SERIALIZATION",
    22: "USR_UNHANDLED_MESSAGE",
    23: "USR_UNSPECIFIED",
    24: "USR_ASSERTION_FAILED",
    25: "USR_READ_ONLY",
    26: "USR_NOT_PAYABLE",
    33: "EVM_CONTRACT_REVERTED",
}



def method_label(alias=""):
    """SQL for a readable method label, e.g. "account.Send", or "evm.method 3844450837" when the name is unknown;
    `alias` qualifies the columns (e.g. "m" for m.to_actor_type)."""
    p = f"{alias}." if alias else ""
    return f"coalesce({p}to_actor_type, 'unknown') || '.' || coalesce({p}method_name, 'method ' || {p}method)"


def exit_code_label(code):
    return f"{code} {EXIT_CODES.get(code, '')}".strip()


def output_dir():
    return Path(os.environ.get("FVM_REPLAY_OUTPUT") or "../fvm-replay-output").resolve()


def plots_dir():
    return Path(os.environ.get("FVM_REPLAY_PLOTS") or ".").resolve()


def runs(out):
    """The run folders under `out`: [(chain name, folder)], `out` itself when it is a run folder."""
    if (out / "_run.json").is_file():
        return [(out.name, out)]
    found = sorted((d.name, d) for d in out.iterdir() if (d / "_run.json").is_file()) if out.is_dir() else []
    if not found:
        raise FileNotFoundError(
            f"{out} is neither a replay output (no _run.json) nor a folder of them. "
            "Set FVM_REPLAY_OUTPUT to the --out folder of `bin/fvm-replay job`."
        )
    return found


def _sql_string(path):
    return "'" + str(path).replace("'", "''") + "'"


class MissingTables(Exception):
    """The output lacks tables a notebook needs (the run's --tables left them out); run-notebooks.sh skips the notebook."""


def open_output(out=None, needs=()):
    """A DuckDB connection with one view per table found, each with a leading `chain` column; prints what it found.

    Raises MissingTables, saying which, when a table of `needs` is not in the output.
    """
    out = Path(out) if out is not None else output_dir()
    con = duckdb.connect()
    found = runs(out)
    print(f"output: {out}")
    for chain, run in found:
        identity = json.loads((run / "_run.json").read_text()).get("identity", {})
        print(f"  {chain}: epochs {identity.get('from_epoch', '?')}..{identity.get('to_epoch', '?')}")
    for table in TABLES:
        parts = [
            f"SELECT {_sql_string(chain)} AS chain, * FROM read_parquet({_sql_string(run / table / '*.parquet')})"
            for chain, run in found
            if any((run / table).glob("*.parquet"))
        ]
        if parts:
            con.execute(f"CREATE VIEW {table} AS " + " UNION ALL BY NAME ".join(parts))
            rows = con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            print(f"  {table:12} {rows:>10,} rows")
    missing = [t for t in needs if not has_table(con, t)]
    if missing:
        present = [t for t in TABLES if has_table(con, t)]
        raise MissingTables(
            f"this notebook needs the tables {', '.join(needs)}; {out} has no {', '.join(missing)} "
            f"(it has {', '.join(present) or 'no table'}): replay without --tables, or with these tables, to use it"
        )
    return con


def has_table(con, table):
    return con.sql("SELECT count(*) FROM duckdb_views() WHERE view_name = $1", params=[table]).fetchall()[0][0] > 0


def has_rows(con, table):
    return has_table(con, table) and con.sql(f"SELECT count(*) > 0 FROM {table}").fetchall()[0][0]


def save(fig, name):
    """Saves `fig` as <FVM_REPLAY_PLOTS>/<name>.png and says where."""
    folder = plots_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    fig.savefig(path, dpi=100, bbox_inches="tight")
    print(f"saved {path}")
    return path


def nothing(df, sentence):
    """True, after printing `sentence`, when `df` has no rows: the cell then skips its table or plot."""
    if df is None or len(df) == 0:
        print(sentence)
        return True
    return False

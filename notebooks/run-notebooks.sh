#!/usr/bin/env bash
# Executes every notebook of notebooks/ headless against a replay output, and writes the executed copies and their
# plots (PNG) to one folder. Fails, naming the notebook and the cell error, if any cell of any notebook fails; skips,
# saying why, a notebook whose tables the run did not write (job --tables).
#
# Usage: notebooks/run-notebooks.sh [--output DIR] [--executed DIR]
#   --output DIR    the replay output: a run folder (with _run.json) or a folder of them, one per chain
#                   (default: fvm-replay-output at the repository root, where `bin/fvm-replay job` writes by default)
#   --executed DIR  where the executed notebooks and PNGs go (default: notebooks/executed)
# Needs the virtual environment of notebooks/setup-venv.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${here}/.." && pwd)"
venv="${here}/.venv"
output="${repo_root}/fvm-replay-output"
executed="${here}/executed"

usage() { sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --output) [ $# -ge 2 ] || { usage >&2; exit 2; }; output="$2"; shift 2 ;;
    --output=*) output="${1#*=}"; shift ;;
    --executed) [ $# -ge 2 ] || { usage >&2; exit 2; }; executed="$2"; shift 2 ;;
    --executed=*) executed="${1#*=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-notebooks: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [ ! -x "${venv}/bin/jupyter-execute" ]; then
  echo "run-notebooks: no notebook environment in ${venv}; create it first with: ${here}/setup-venv.sh" >&2
  exit 2
fi
if [ ! -d "${output}" ]; then
  echo "run-notebooks: no replay output at ${output}; make one with 'bin/fvm-replay job ... --out DIR' and pass --output DIR" >&2
  exit 2
fi
output="$(cd "${output}" && pwd)"
if [ ! -f "${output}/_run.json" ] && ! compgen -G "${output}/*/_run.json" >/dev/null; then
  echo "run-notebooks: ${output} is not a replay output (no _run.json in it nor in a folder under it)" >&2
  exit 2
fi
mkdir -p "${executed}"
executed="$(cd "${executed}" && pwd)"

failed=()
skipped=()
for notebook in "${here}"/*.ipynb; do
  name="$(basename "${notebook}" .ipynb)"
  rm -f "${executed}/${name}.ipynb" "${executed}/${name}.log" "${executed}/${name}"-*.png
  start=$(date +%s)
  # the kernel runs in notebooks/ (so that the notebooks import replay_output.py) and saves its plots to ${executed}
  if FVM_REPLAY_OUTPUT="${output}" FVM_REPLAY_PLOTS="${executed}" PYTHONDONTWRITEBYTECODE=1 MPLBACKEND=module://matplotlib_inline.backend_inline \
      "${venv}/bin/jupyter-execute" --kernel_name=fvm-replay-notebooks --timeout=900 \
      --output="${executed}/${name}.ipynb" "${notebook}" >"${executed}/${name}.log" 2>&1; then
    echo "${name}: ok in $(( $(date +%s) - start )) s"
    echo "  ${executed}/${name}.ipynb"
    for png in "${executed}/${name}"-*.png; do
      [ -f "${png}" ] && echo "  ${png}"
    done
  elif sed -e 's/\x1b\[[0-9;]*m//g' "${executed}/${name}.log" | grep -q 'MissingTables: '; then
    # the run left out tables this notebook needs (--tables): nothing to answer, which is no failure
    echo "${name}: skipped: $(sed -e 's/\x1b\[[0-9;]*m//g' "${executed}/${name}.log" | grep -o 'MissingTables: .*' | head -n 1 | cut -d' ' -f2-)"
    rm -f "${executed}/${name}.ipynb"
    skipped+=("${name}")
  else
    echo "${name}: FAILED after $(( $(date +%s) - start )) s; the failing cell and its error:" >&2
    # nbclient's CellExecutionError: the cell's source between dashed lines, then the error (colour codes removed)
    # (its first 30 and last 30 lines when longer: the cell, then the exception at the end of the traceback)
    sed -e 's/\x1b\[[0-9;]*m//g' "${executed}/${name}.log" | awk '/An error occurred while executing the following cell/ {p=1} p' \
      | awk '{ line[NR] = $0 } END { for (i = 1; i <= NR; i++) if (NR <= 60 || i <= 30 || i > NR - 30) print "  " line[i]; else if (i == 31) print "  ..." }' >&2
    grep -q 'An error occurred while executing' "${executed}/${name}.log" || tail -n 30 "${executed}/${name}.log" | sed 's/^/  /' >&2
    failed+=("${name}")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run-notebooks: ${#failed[@]} notebook(s) failed: ${failed[*]} (full logs in ${executed}/NAME.log)" >&2
  exit 1
fi
if [ ${#skipped[@]} -gt 0 ]; then
  echo "run-notebooks: ran against ${output} but for ${skipped[*]} (tables missing); executed copies and plots in ${executed}"
else
  echo "run-notebooks: every notebook ran against ${output}; executed copies and plots in ${executed}"
fi

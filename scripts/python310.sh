#!/bin/sh
# Prints a working Python 3.10 interpreter (pyenv shims may exist without the version selected).
for candidate in python3.10 "$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10 2>/dev/null | tail -1)" /usr/bin/python3.10 /usr/local/bin/python3.10; do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
if PYENV_VERSION=3.10 python3.10 -c '' 2>/dev/null; then echo "env PYENV_VERSION=3.10 python3.10"; exit 0; fi
echo "no Python 3.10 found" >&2
exit 1

#!/bin/sh
# Calls against real peers (phone <-> phone, sipp, tshark): see calls.py.
cd "$(dirname "$0")/../.." || exit 2
exec python3 tests/scenario/calls.py "$@"

#!/bin/sh
# Transfer and three-way calling with three phones, Kamailio, sipp,
# baresip and tshark on loopback: see xfer.py.
cd "$(dirname "$0")/../.." || exit 2
exec python3 tests/scenario/xfer.py "$@"

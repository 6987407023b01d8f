#!/bin/sh
# The main job until the phone program exists: check the example
# provisioning folder and print what a phone would run with.
#   tools/demo.sh BINDIR TFTPROOT
set -eu
bin=$1 root=$2
status=0
echo "== checking $root"
for f in "$root"/*.cnf; do
	if "$bin"/cnfcheck "$f"; then
		echo "$f: ok"
	else
		status=1
	fi
done
for phone in "$root"/SIP[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F].cnf; do
	[ -f "$phone" ] || continue
	mac=$(basename "$phone" .cnf); mac=${mac#SIP}
	echo
	echo "== effective configuration of the phone $mac"
	echo "   (flash empty < SIPDefault.cnf < $(basename "$phone"))"
	"$bin"/cnfcheck --default "$root"/SIPDefault.cnf --phone "$phone" --print || status=1
done
if [ -f "$root"/dialplan.xml ]; then
	echo
	echo "== dial plan $root/dialplan.xml (guide: Creating Dial Plans)"
	"$bin"/dialplan-test "$root"/dialplan.xml 0 911 9411 90 9011441234567 \
		912345 952345 5551234 'w!' 9# || status=1
fi
exit $status

#!/bin/sh
# The protocol core builds bare-metal (arm-none-eabi, newlib): a check that
# nothing in it needs an OS or assumes the host's type sizes (int32_t is
# long there).  Summary lines as cmocka's, for tests/run-all.sh.
echo "[ RUN      ] bare-metal core"
if make --no-print-directory -s core; then
	arm-none-eabi-size -B -t build/baremetal/obj/*/*/*.o | tail -n 1
	echo "[       OK ] bare-metal core"
	echo "[  PASSED  ] 1 test(s)."
else
	echo "[  FAILED  ] 1 test(s), listed below:"
	echo "[  FAILED  ] bare-metal core"
	exit 1
fi

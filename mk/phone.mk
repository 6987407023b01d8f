# The phone as a program: runtime/phone wires the modules on the libuv
# loop; platform/host is the Linux host port.
HOSTED_SRC += runtime/phone/phone.c $(wildcard platform/host/*.c)

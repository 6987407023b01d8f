# runtime/cnf: the configuration subsystem.
# File I/O (load from a path, atomic save) is not part of the bare-metal core.
HOSTED_SRC += runtime/cnf/cnf_store.c

# runtime/uac: the adapter to the c-ares resolver needs the OS.
HOSTED_SRC += runtime/uac/uac_dns.c

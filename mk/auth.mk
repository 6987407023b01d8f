# runtime/auth: digest authentication (RFC 2617 as RFC 3261 s.22 uses it).
# MD5 comes from nettle; auth_host.c (nettle's MD5, the kernel's random
# bytes) is not part of the bare-metal core, which has no nettle.  The
# rest of the module is: auth.c takes both through struct auth_ops.
DEPS_PKGS  += nettle-dev
CROSS_PKGS += nettle-dev libnettle8
LDLIBS     += -lnettle
HOSTED_SRC += runtime/auth/auth_host.c

# runtime/tftp: the TFTP client (RFC 1350, 2347, 2348, 2349) the boot
# sequence fetches its provisioning files with (issue 6).
#
# tests/unit/test_tftp.c runs its own in.tftpd (tftpd-hpa) in the
# foreground on a high port of 127.0.0.0/8, never port 69.  Installing the
# package also installs a system service on port 69; where policy-rc.d
# does not forbid it, apt starts it (it serves /srv/tftp and is not used).
DEPS_PKGS  += tftpd-hpa libuv1-dev
CROSS_PKGS += libuv1-dev libuv1
LDLIBS     += -luv
# The codec and the transfer machine (tftp_pkt.c, tftp_xfer.c) are part of
# the bare-metal core; the sockets are not.
HOSTED_SRC += runtime/tftp/tftp_client.c

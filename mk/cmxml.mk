# runtime/cmxml: Cisco CallManager XML cards (issue 6, services_url and
# directory_url) read with expat (DESIGN: a well-kept library where one
# does the job).  The parser links expat: hosted, not in the bare-metal
# core; the object it fills is plain data (runtime/dir shows it).
DEPS_PKGS  += libexpat1-dev
CROSS_PKGS += libexpat1-dev libexpat1
LDLIBS     += -lexpat
HOSTED_SRC += runtime/cmxml/cmxml.c

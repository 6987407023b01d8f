# runtime/http: the HTTP/1.0 GET client of services_url and directory_url
# (issue 6).  Its grammars (spec/http/http.rl) need no OS: bare-metal
# core; the libuv TCP client is hosted (libuv comes with mk/rt.mk).
HOSTED_SRC += runtime/http/http_client.c

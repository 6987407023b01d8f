/*
 * http.h - a small HTTP/1.0 GET client (RFC 1945) for the CMXML cards of
 * the guide's "Cisco CallManager XML Support": services_url and
 * directory_url.
 *
 * Two parts: the grammars (spec/http/http.rl: an http URL, the head of a
 * response; no OS, part of the bare-metal core) and one request over a
 * libuv TCP connection (http_client.c, hosted) with a deadline and a
 * bounded response.  Names are not resolved here: the caller gives the
 * server's address (a dotted host is its own address).
 *
 * Errors are negative errno values; the client also says why in words
 * ("HTTP 404 Not Found", "no answer from 10.0.0.1:80 within 5000 ms").
 */
#ifndef HTTP_H
#define HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/net_addr.h"

enum {
	HTTP_HOST_MAX = 63,        /* bytes of a URL's host */
	HTTP_PATH_MAX = 255,       /* bytes of path and query ("/x?y=1") */
	HTTP_URL_MAX = 255,        /* bytes of a whole URL (CNF_STR_MAX) */
	HTTP_RESP_MAX = 16384,     /* a whole response, head and body */
	HTTP_REQ_MAX = 512,        /* the request we send */
	HTTP_TIMEOUT_MS = 5000,    /* connect, send and receive, in all */
	HTTP_WHY_MAX = 96,         /* the reason of a failure, in words */
	HTTP_PORT_DEFAULT = 80,
};

struct http_url {
	char host[HTTP_HOST_MAX + 1];
	uint16_t port;
	char path[HTTP_PATH_MAX + 1];   /* "/" when the URL has none */
};

/* "http://host[:port][/path][?query][#fragment]" (scheme and host in any
 * case; the fragment is not sent).  0, -EINVAL (not such a URL; WHY says
 * at which byte), -ENAMETOOLONG (a part above its limit). */
int http_url_parse(const char *s, size_t len, struct http_url *u, char *why,
		   size_t why_size);

struct http_resp {
	uint16_t status;            /* 200 */
	char reason[40];            /* "OK" (cut to fit: it is only shown) */
	long content_length;        /* -1: none (HTTP/1.0: up to the close) */
	size_t head_len;            /* bytes of the status line and headers */
};

/* The head of a response in BUF: >0 its length (the body starts there),
 * 0 when more is needed, -EBADMSG (WHY says where), -EMSGSIZE (a
 * Content-Length above HTTP_RESP_MAX). */
int http_head_parse(const char *buf, size_t len, struct http_resp *r,
		    char *why, size_t why_size);

/* The request line and headers for U (HTTP/1.0, Host, Connection:
 * close); its length or -ENOSPC. */
int http_request_format(const struct http_url *u, char *buf, size_t size);

/* ---- one GET over libuv (http_client.c) */
struct uv_loop_s;
struct rt_timers;
struct http_req;

/* ERR 0: a 2xx response, BODY of LEN bytes (lives until the callback
 * returns).  Else ERR is -ETIMEDOUT, -ECONNREFUSED (and the other errors
 * of connect), -EPROTO (a status other than 2xx), -EBADMSG (a malformed
 * response), -EMSGSIZE (above HTTP_RESP_MAX), -ECONNRESET; WHY says it in
 * words.  The request is gone once the callback returns. */
typedef void http_done_fn(void *arg, int err, const struct http_resp *r,
			  const char *body, size_t len, const char *why);

/* GET U from DST, answer within TIMEOUT_MS.  0 (DONE runs exactly once,
 * from the loop, unless http_cancel comes first), -ENOMEM, -ENOSPC (the
 * request does not fit HTTP_REQ_MAX), or a libuv error. */
int http_get(struct uv_loop_s *uv, struct rt_timers *ts,
	     const struct net_addr *dst, const struct http_url *u,
	     uint64_t timeout_ms, http_done_fn *done, void *arg,
	     struct http_req **reqp);
/* DONE never runs; the connection closes (the memory goes with it). */
void http_cancel(struct http_req *q);

/* What the client did since the program started (CLI show stacks,
 * memorymap, ethernet). */
struct http_stats {
	unsigned long requests, ok, failed, active;
	unsigned long bytes_tx, bytes_rx;
	unsigned long mem_in_use;   /* bytes the open requests hold */
};
const struct http_stats *http_stats(void);

#endif

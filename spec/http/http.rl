/*
 * http.rl - the two grammars of the HTTP/1.0 client (runtime/http):
 *
 *   an http URL (RFC 3986's subset a phone needs):
 *       http://host[:port][/path][?query][#fragment]
 *   the head of a response (RFC 1945 6, 4.2):
 *       HTTP/1.0 200 OK CRLF  (name ":" value CRLF)*  CRLF
 *
 * LF alone ends a line too.  Actions mark offsets; C checks the limits
 * (runtime/http/http.h) and says which part was too long or where the
 * input went wrong.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "http/http.h"

static void why_at(char *why, size_t size, const char *what, long at)
{
	if (why && size)
		snprintf(why, size, "%s at byte %ld", what, at + 1);
}

static void why_is(char *why, size_t size, const char *what)
{
	if (why && size)
		snprintf(why, size, "%s", what);
}

%%{
	machine http_url;
	alphtype char;

	action hs   { hs = p; }
	action he   { he = p; }
	action port { port = port * 10 + (unsigned long)(fc - '0');
	              if (port > 65535) fbreak; }
	action qs   { qs = p; }
	action qe   { qe = p; }

	host  = ([a-zA-Z0-9] | '-' | '.' | '_')+ >hs %he;
	pchar = graph - '#';
	path  = ('/' pchar* | '?' pchar*) >qs %qe;
	main := 'http://'i host (':' digit{1,5} $port)? path?
	        ('#' graph*)?;
}%%

%% write data noerror nofinal;

int http_url_parse(const char *s, size_t len, struct http_url *u, char *why,
		   size_t why_size)
{
	const char *p = s, *pe = s + len, *eof = pe;
	const char *hs = NULL, *he = NULL, *qs = NULL, *qe = NULL;
	unsigned long port = 0;
	int cs, err = 0;
	size_t n;

	memset(u, 0, sizeof(*u));
	if (len > HTTP_URL_MAX) {
		why_is(why, why_size, "URL too long");
		err = -ENAMETOOLONG;
		goto out;
	}
	%% write init;
	%% write exec;
	if (port > 65535) {
		why_is(why, why_size, "port above 65535");
		err = -EINVAL;
		goto out;
	}
	if (cs < %%{ write first_final; }%% || p != pe) {
		why_at(why, why_size, "not an http URL", (long)(p - s));
		err = -EINVAL;
		goto out;
	}
	n = (size_t)(he - hs);
	if (n > HTTP_HOST_MAX) {
		why_is(why, why_size, "host name too long");
		err = -ENAMETOOLONG;
		goto out;
	}
	memcpy(u->host, hs, n);
	u->port = port ? (uint16_t)port : HTTP_PORT_DEFAULT;
	if (!qs) {
		strcpy(u->path, "/");
	} else {
		n = (size_t)(qe - qs);
		if (n + (qs[0] == '?') > HTTP_PATH_MAX) {
			why_is(why, why_size, "path too long");
			err = -ENAMETOOLONG;
			goto out;
		}
		/* "?q" alone is "/?q" */
		snprintf(u->path, sizeof(u->path), "%s%.*s",
			 qs[0] == '?' ? "/" : "", (int)n, qs);
	}
out:
	(void)http_url_en_main;
	return err;
}

%%{
	machine http_head;
	alphtype char;

	action code  { r->status = (uint16_t)(r->status * 10 + (fc - '0')); }
	action rs    { rs = p; }
	action re    { re = p; }
	action ns    { ns = p; }
	action ne    { ne = p; }
	action vs    { vs = p; }
	action ve    { if (!vs) vs = p;
	               if (header(r, ns, (size_t)(ne - ns), vs,
	                          (size_t)(p - vs), &bad)) fbreak; }
	action ve0   { vs = NULL; }
	action done  { done = p + 1; fbreak; }

	crlf   = '\r'? '\n';
	token  = (graph - ':')+;
	text   = (print | '\t')*;
	status = 'HTTP/' digit+ '.' digit+ ' '+ (digit $code){3}
	         (' ' (text >rs %re))? crlf;
	header = token >ns %ne ':' @ve0 [ \t]* (text >vs) %ve crlf;
	main  := status header* crlf @done;
}%%

%% write data noerror nofinal;

/* Content-Length: digits only, one value; the rest is not needed. */
static int header(struct http_resp *r, const char *n, size_t nlen,
		  const char *v, size_t vlen, int *bad)
{
	static const char cl[] = "content-length";
	size_t i;
	long val = 0;

	if (nlen != sizeof(cl) - 1)
		return 0;
	for (i = 0; i < nlen; i++) {
		char c = n[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != cl[i])
			return 0;
	}
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (!vlen) {
		*bad = -EBADMSG;
		return 1;
	}
	for (i = 0; i < vlen; i++) {
		if (v[i] < '0' || v[i] > '9') {
			*bad = -EBADMSG;
			return 1;
		}
		val = val * 10 + (v[i] - '0');
		if (val > HTTP_RESP_MAX) {
			*bad = -EMSGSIZE;
			return 1;
		}
	}
	if (r->content_length >= 0 && r->content_length != val) {
		*bad = -EBADMSG;
		return 1;
	}
	r->content_length = val;
	return 0;
}

int http_head_parse(const char *buf, size_t len, struct http_resp *r,
		    char *why, size_t why_size)
{
	const char *p = buf, *pe = buf + len;
	const char *rs = NULL, *re = NULL, *ns = NULL, *ne = NULL, *vs = NULL;
	const char *done = NULL;
	int cs, bad = 0, err = 0;

	memset(r, 0, sizeof(*r));
	r->content_length = -1;
	%% write init;
	%% write exec;
	if (bad == -EMSGSIZE) {
		why_is(why, why_size, "Content-Length above the limit");
		err = -EMSGSIZE;
		goto out;
	}
	if (bad) {
		why_at(why, why_size, "bad Content-Length", (long)(p - buf));
		err = -EBADMSG;
		goto out;
	}
	if (done) {
		if (rs && re)
			snprintf(r->reason, sizeof(r->reason), "%.*s",
				 (int)(re - rs), rs);
		r->head_len = (size_t)(done - buf);
		err = (int)r->head_len;
		goto out;
	}
	if (cs == %%{ write error; }%% || p != pe) {
		why_at(why, why_size, "malformed HTTP response",
		       (long)(p - buf));
		err = -EBADMSG;
		goto out;
	}
	err = 0; /* more to come */
out:
	(void)http_head_en_main;
	return err;
}

int http_request_format(const struct http_url *u, char *buf, size_t size)
{
	int n;

	if (u->port == HTTP_PORT_DEFAULT)
		n = snprintf(buf, size,
			     "GET %s HTTP/1.0\r\nHost: %s\r\n"
			     "User-Agent: sipphone\r\nAccept: */*\r\n"
			     "Connection: close\r\n\r\n",
			     u->path, u->host);
	else
		n = snprintf(buf, size,
			     "GET %s HTTP/1.0\r\nHost: %s:%u\r\n"
			     "User-Agent: sipphone\r\nAccept: */*\r\n"
			     "Connection: close\r\n\r\n",
			     u->path, u->host, (unsigned)u->port);
	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	return n;
}

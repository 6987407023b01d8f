/*
 * sipdump - everything the SIP parser made of a message, for comparing two
 * builds of the parser (tools/sipdiff.sh): a change meant to be faster
 * must read every input the same way.
 *
 *   sipdump [-v] [-m N] FILE...
 *
 * Per file, one line "FILE: HASH" where HASH covers the parse of the file
 * and of N deterministic variants of it (each prefix cut at a line end,
 * bytes flipped, folded, doubled; 200 unless -m N, 0 for the file alone).
 * -v prints the fields themselves instead of the hash, for the file alone.
 *
 * Every slice is printed as an offset and a length into the buffer, so a
 * slice equal in text but found elsewhere still counts as a change.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sip/sip_msg.h"

static char buf[SIP_MSG_MAX_SIZE + 1];
static char var[SIP_MSG_MAX_SIZE + 1];
static struct sip_msg msg;

/* The dump goes through one FNV-1a hash, or to stdout with -v. */
static int verbose;
static uint64_t hash;
static const char *base;

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void out(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n, i;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* A cut line would hide a difference: stop instead. */
	if (n < 0 || n >= (int)sizeof(line)) {
		fputs("sipdump: a dump line does not fit\n", stderr);
		exit(2);
	}
	if (verbose) {
		fwrite(line, 1, (size_t)n, stdout);
		return;
	}
	for (i = 0; i < n; i++) {
		hash ^= (unsigned char)line[i];
		hash *= 0x100000001b3ULL;
	}
}

static void pl(const char *name, const struct sip_pl *p)
{
	if (!p->p)
		out(" %s=-", name);
	else
		out(" %s=%td+%zu", name, p->p - base, p->l);
}

static void uri(const char *pre, const struct sip_uri *u)
{
	out(" %s{s%u lr%u port%u", pre, u->scheme, u->lr, u->port);
	pl("scheme", &u->scheme_pl);
	pl("user", &u->user);
	pl("pw", &u->password);
	pl("host", &u->host);
	pl("port", &u->port_pl);
	pl("params", &u->params);
	pl("headers", &u->headers);
	pl("transport", &u->transport);
	pl("userp", &u->user_param);
	pl("maddr", &u->maddr);
	pl("ttl", &u->ttl);
	pl("method", &u->method);
	pl("rest", &u->rest);
	out("}");
}

static void addr(const char *pre, const struct sip_addr *a)
{
	out(" %s{q%u b%u", pre, a->dname_quoted, a->bracket);
	pl("val", &a->val);
	pl("dname", &a->dname);
	pl("uri_pl", &a->uri_pl);
	uri("uri", &a->uri);
	pl("params", &a->params);
	pl("tag", &a->tag);
	pl("expires", &a->expires);
	pl("q", &a->q);
	out("}");
}

static void via(const struct sip_via *v)
{
	out(" via{port%u rp%u", v->port, v->rport_flag);
	pl("val", &v->val);
	pl("pname", &v->proto_name);
	pl("pver", &v->proto_ver);
	pl("tr", &v->transport);
	pl("host", &v->host);
	pl("port", &v->port_pl);
	pl("params", &v->params);
	pl("branch", &v->branch);
	pl("received", &v->received);
	pl("rport", &v->rport);
	pl("maddr", &v->maddr);
	pl("ttl", &v->ttl);
	out("}");
}

/* Lists read on demand: every value of each Via and name-addr header. */
static void lists(const struct sip_msg *m)
{
	static const enum sip_hdr_id ids[] = {
		SIP_HDR_CONTACT, SIP_HDR_ROUTE, SIP_HDR_RECORD_ROUTE,
	};
	const struct sip_hdr *h;
	struct sip_via v;
	struct sip_addr a;
	struct sip_pl rest;
	unsigned i;
	int err;

	for (h = sip_msg_hdr(m, SIP_HDR_VIA); h; h = sip_msg_hdr_next(m, h)) {
		rest = h->val;
		while ((err = sip_via_next(&rest, &v)) == 0)
			via(&v);
		out(" via_end%d\n", err);
	}
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		for (h = sip_msg_hdr(m, ids[i]); h; h = sip_msg_hdr_next(m, h)) {
			rest = h->val;
			while ((err = sip_addr_next(&rest, &a)) == 0)
				addr("el", &a);
			out(" addr_end%d\n", err);
		}
	}
}

static void dump(const char *b, size_t n)
{
	struct sip_err err;
	struct sip_msg *m = &msg;
	unsigned i;
	int rc;

	base = b;
	rc = sip_msg_parse(m, b, n, 0, &err);
	out("rc=%d status=%u reason=%s off=%zu\n", rc, err.status, err.reason,
	    err.off);
	if (rc < 0)
		return;
	out("req%u ver%u.%u mid%u status%u", m->is_request, m->ver_major,
	    m->ver_minor, m->mid, m->status);
	pl("method", &m->method);
	pl("ruri_pl", &m->ruri_pl);
	pl("reason", &m->reason);
	uri("ruri", &m->ruri);
	out("\n");
	for (i = 0; i < m->nhdr; i++) {
		out("h%u id%u next%u", i, m->hdr[i].id, m->hdr[i].next);
		pl("name", &m->hdr[i].name);
		pl("val", &m->hdr[i].val);
		out("\n");
	}
	for (i = 0; i < SIP_HDR__COUNT; i++)
		out(" %u", m->first[i]);
	out("\n");
	via(&m->via);
	out(" vc%u\n", m->via_count);
	addr("from", &m->from);
	addr("to", &m->to);
	addr("contact", &m->contact);
	out(" cc%u star%u\n", m->contact_count, m->contact_star);
	pl("callid", &m->call_id);
	out(" cseq%u mid%u", m->cseq.num, m->cseq.mid);
	pl("cmeth", &m->cseq.method);
	out(" mf%u/%u ex%u/%u cl%u/%u", m->has_max_forwards, m->max_forwards,
	    m->has_expires, m->expires, m->has_content_length,
	    m->content_length);
	pl("ctype", &m->ctype.type);
	pl("csub", &m->ctype.subtype);
	pl("cparams", &m->ctype.params);
	out(" date%u %u-%u-%u %u:%u:%u w%u tz%d", m->has_date, m->date.year,
	    m->date.mon, m->date.day, m->date.hour, m->date.min, m->date.sec,
	    m->date.wday, m->date.tz_min);
	pl("body", &m->body);
	out(" len%zu\n", m->len);
	lists(m);
}

/* -1 on an I/O error; the length read otherwise, at most sizeof(buf): a
 * file longer than any datagram is read one byte past the limit, so the
 * parser refuses it (413) as sipcheck's does. */
static long read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	long ret;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf), f);
	ret = ferror(f) ? -1 : (long)n;
	if (fclose(f) != 0)
		ret = -1;
	return ret;
}

/* Variant K of the N bytes at B, into var; its length. */
static size_t variant(const char *b, size_t n, unsigned k)
{
	static const char subst[] = " \t\r\n;,:<>\"\\@=%/[]?0aZ\x80\xff";
	unsigned long x = 2654435761UL * (k + 1);
	size_t at = n ? x % n : 0, l;

	switch (k % 5) {
	case 0:	/* cut after the Kth line end */
	{
		size_t i, lines = 0;

		for (i = 0; i < n; i++)
			if (b[i] == '\n' && lines++ == k / 5)
				break;
		l = i < n ? i + 1 : n;
		memcpy(var, b, l);
		return l;
	}
	case 1:	/* one byte replaced by a delimiter */
		memcpy(var, b, n);
		if (n)
			var[at] = subst[(x >> 8) % (sizeof(subst) - 1)];
		return n;
	case 2:	/* one byte removed */
		if (!n)
			return 0;
		memcpy(var, b, at);
		memcpy(var + at, b + at + 1, n - at - 1);
		return n - 1;
	case 3:	/* a fold inserted after a byte */
		if (n + 3 > sizeof(var))
			return 0;
		memcpy(var, b, at);
		memcpy(var + at, "\r\n ", 3);
		memcpy(var + at + 3, b + at, n - at);
		return n + 3;
	default: /* a delimiter inserted */
		if (n + 1 > sizeof(var))
			return 0;
		memcpy(var, b, at);
		var[at] = subst[(x >> 8) % (sizeof(subst) - 1)];
		memcpy(var + at + 1, b + at, n - at);
		return n + 1;
	}
}

/* A decimal count up to UINT_MAX into *N: 1, or 0 for anything else. */
static int parse_count(const char *s, unsigned *n)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > UINT_MAX)
		return 0;
	*n = (unsigned)v;
	return 1;
}

int main(int argc, char **argv)
{
	unsigned mut = 200, k;
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (!strcmp(argv[i], "-m") && i + 1 < argc &&
			 parse_count(argv[i + 1], &mut))
			i++;
		else {
			fputs("usage: sipdump [-v] [-m N] FILE...\n", stderr);
			return 2;
		}
	}
	for (; i < argc; i++) {
		long r = read_file(argv[i]);
		size_t n;

		if (r < 0) {
			fprintf(stderr, "sipdump: %s: %s\n", argv[i],
				strerror(errno));
			status = 2;
			continue;
		}
		n = (size_t)r;
		hash = 0xcbf29ce484222325ULL;
		if (verbose) {
			printf("== %s\n", argv[i]);
			dump(buf, n);
			continue;
		}
		dump(buf, n);
		for (k = 0; k < mut; k++) {
			size_t l = variant(buf, n, k);

			dump(var, l);
		}
		printf("%s: %016llx\n", argv[i], (unsigned long long)hash);
	}
	return status;
}

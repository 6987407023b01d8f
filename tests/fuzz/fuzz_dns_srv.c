/*
 * fuzz_dns_srv.c - libFuzzer harness for what runtime/dns does with a DNS
 * answer off the network: the SRV answer (c-ares's parser, then our
 * bounded keep, RFC 2782 ordering and additional-section walk), the A
 * answer, and the ordering itself on arbitrary records.
 *
 * The first byte picks the mode (0: SRV answer, 1: A answer, 2: records);
 * the rest is the answer, or for records 8 bytes each (priority, weight,
 * port, target), with the RNG fed from the input too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns/dns.h"
#include "dns/dns_answer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct rng {
	const uint8_t *p;
	size_t n, i;
};

static uint32_t fuzz_rng(void *arg)
{
	struct rng *r = arg;
	uint32_t v = 0;
	int k;

	for (k = 0; k < 4; k++)
		v = v << 8 | (r->n ? r->p[r->i++ % r->n] : 0x5a);
	return v;
}

/* Ascending priority, every field kept. */
static void check_order(const struct dns_srv *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (v[i - 1].priority > v[i].priority)
			abort();
}

static void srv_answer(const uint8_t *data, size_t size)
{
	struct rng r = { data, size, 0 };
	struct dns__srv_set *s = malloc(sizeof(*s));
	size_t i;
	int err;

	if (!s)
		return;
	err = dns__srv_parse(data, (int)size, fuzz_rng, &r, s);
	if (err == 0) {
		struct dns_srv v[DNS_SRV_MAX];

		if (s->n < 1 || s->n > DNS_SRV_MAX)
			abort();
		for (i = 0; i < s->n; i++) {
			v[i] = s->rec[i].srv;
			if (s->rec[i].naddr > DNS_ADDR_MAX ||
			    strlen(v[i].target) > DNS_NAME_MAX ||
			    v[i].target[0] == '\0')
				abort();
		}
		check_order(v, s->n);
	} else if (err > 0) {
		abort();
	}
	free(s);
}

static void a_answer(const uint8_t *data, size_t size)
{
	uint32_t addr[DNS_ADDR_MAX];
	unsigned dropped = 0;
	int n = dns__a_parse(data, (int)size, addr, &dropped);

	if (n == 0 || n > DNS_ADDR_MAX)
		abort();
}

static void records(const uint8_t *data, size_t size)
{
	struct dns_srv v[DNS_SRV_MAX];
	uint64_t wsum = 0, psum = 0;
	size_t n = size / 8, i;
	struct rng r = { data, size, 0 };

	if (n > DNS_SRV_MAX)
		n = DNS_SRV_MAX;
	for (i = 0; i < n; i++) {
		const uint8_t *p = data + 8 * i;

		memset(&v[i], 0, sizeof(v[i]));
		v[i].priority = (uint16_t)(p[0] % 4);  /* ties are the point */
		v[i].weight = (uint16_t)(p[1] << 8 | p[2]);
		v[i].port = (uint16_t)(p[3] << 8 | p[4]);
		v[i].target[0] = (char)('a' + p[5] % 3);
		wsum += v[i].weight;
		psum += v[i].port;
	}
	if (dns_srv_order(v, n, fuzz_rng, &r) != 0)
		abort();
	check_order(v, n);
	/* a permutation: nothing lost, nothing made up */
	for (i = 0; i < n; i++) {
		wsum -= v[i].weight;
		psum -= v[i].port;
	}
	if (wsum || psum)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65535)
		return 0;
	switch (data[0] % 3) {
	case 0:
		srv_answer(data + 1, size - 1);
		break;
	case 1:
		a_answer(data + 1, size - 1);
		break;
	default:
		records(data + 1, size - 1);
		break;
	}
	return 0;
}

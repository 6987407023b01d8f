/*
 * fuzz_sip_msg.c - libFuzzer: the message parser, then every structured
 * value reachable from the parsed message.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sip/sip_addr.h"
#include "sip/sip_auth.h"
#include "sip/sip_build.h"
#include "sip/sip_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sip_msg msg;
static char out[SIP_MSG_MAX_SIZE];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sip_err err;
	struct sip_mbuf b;
	unsigned i;

	if (sip_msg_parse(&msg, (const char *)data, size, 0, &err) < 0) {
		sip_mbuf_init(&b, out, sizeof(out));
		(void)sip_build_error(&b, &msg, &err);
		return 0;
	}
	for (i = 0; i < msg.nhdr; i++) {
		const struct sip_hdr *h = &msg.hdr[i];
		struct sip_pl rest = h->val, tok;
		struct sip_addr a;
		struct sip_auth au;
		struct sip_event ev;
		struct sip_substate ss;
		struct sip_replaces rp;
		struct sip_retry_after ra;
		struct sip_warning w;
		struct sip_alert_info ai;

		switch (h->id) {
		case SIP_HDR_ROUTE:
		case SIP_HDR_RECORD_ROUTE:
		case SIP_HDR_REMOTE_PARTY_ID:
		case SIP_HDR_DIVERSION:
			while (sip_addr_next(&rest, &a) == 0)
				;
			break;
		case SIP_HDR_REFER_TO:
		case SIP_HDR_REFERRED_BY:
			if (sip_addr_parse(&a, h->val.p, h->val.l) == 0) {
				struct sip_pl v;

				if (sip_uri_header(&a.uri, "Replaces", &v) == 0) {
					char tmp[512];
					size_t n;

					if (sip_pl_unescape(tmp, sizeof(tmp), &v, &n) == 0)
						(void)sip_replaces_parse(&rp, tmp, n);
				}
			}
			break;
		case SIP_HDR_WWW_AUTHENTICATE:
		case SIP_HDR_PROXY_AUTHENTICATE:
		case SIP_HDR_AUTHORIZATION:
		case SIP_HDR_PROXY_AUTHORIZATION:
			(void)sip_auth_parse(&au, h->val.p, h->val.l);
			break;
		case SIP_HDR_EVENT:
			(void)sip_event_parse(&ev, h->val.p, h->val.l);
			break;
		case SIP_HDR_SUBSCRIPTION_STATE:
			(void)sip_substate_parse(&ss, h->val.p, h->val.l);
			break;
		case SIP_HDR_REPLACES:
			(void)sip_replaces_parse(&rp, h->val.p, h->val.l);
			break;
		case SIP_HDR_RETRY_AFTER:
			(void)sip_retry_after_parse(&ra, h->val.p, h->val.l);
			break;
		case SIP_HDR_WARNING:
			while (sip_warning_next(&rest, &w) == 0)
				;
			break;
		case SIP_HDR_ALERT_INFO:
			while (sip_alert_info_next(&rest, &ai) == 0)
				;
			break;
		case SIP_HDR_SUPPORTED:
		case SIP_HDR_REQUIRE:
		case SIP_HDR_ALLOW:
			while (sip_token_next(&rest, &tok) == 0)
				;
			break;
		default:
			break;
		}
	}
	if (msg.is_request) {
		struct sip_resp r;

		memset(&r, 0, sizeof(r));
		r.status = 200;
		r.to_tag = sip_pl_mk("x", 1);
		sip_mbuf_init(&b, out, sizeof(out));
		(void)sip_build_response(&b, &msg, &r);
	}
	return 0;
}

/*
 * sip_hdr.rl - header field names to enum sip_hdr_id (RFC 3261 s.7.3.1:
 * names are case-insensitive; s.7.3.3 compact forms; RFC 3265, 3515, 3892
 * compact forms).  The list mirrors SIP_HDR_LIST in sip_msg.h; a unit test
 * checks every name and compact form round-trips.
 */
#include "sip/sip_msg.h"

%%{
	machine sip_hdr_name;
	alphtype unsigned char;

	main := (
		'accept'i @{ id = SIP_HDR_ACCEPT; } |
		'accept-encoding'i @{ id = SIP_HDR_ACCEPT_ENCODING; } |
		'accept-language'i @{ id = SIP_HDR_ACCEPT_LANGUAGE; } |
		'alert-info'i @{ id = SIP_HDR_ALERT_INFO; } |
		'allow'i @{ id = SIP_HDR_ALLOW; } |
		'allow-events'i @{ id = SIP_HDR_ALLOW_EVENTS; } |
		'u'i @{ id = SIP_HDR_ALLOW_EVENTS; } |
		'also'i @{ id = SIP_HDR_ALSO; } |
		'authorization'i @{ id = SIP_HDR_AUTHORIZATION; } |
		'call-id'i @{ id = SIP_HDR_CALL_ID; } |
		'i'i @{ id = SIP_HDR_CALL_ID; } |
		'call-info'i @{ id = SIP_HDR_CALL_INFO; } |
		'contact'i @{ id = SIP_HDR_CONTACT; } |
		'm'i @{ id = SIP_HDR_CONTACT; } |
		'content-disposition'i @{ id = SIP_HDR_CONTENT_DISPOSITION; } |
		'content-encoding'i @{ id = SIP_HDR_CONTENT_ENCODING; } |
		'e'i @{ id = SIP_HDR_CONTENT_ENCODING; } |
		'content-length'i @{ id = SIP_HDR_CONTENT_LENGTH; } |
		'l'i @{ id = SIP_HDR_CONTENT_LENGTH; } |
		'content-type'i @{ id = SIP_HDR_CONTENT_TYPE; } |
		'c'i @{ id = SIP_HDR_CONTENT_TYPE; } |
		'cseq'i @{ id = SIP_HDR_CSEQ; } |
		'date'i @{ id = SIP_HDR_DATE; } |
		'diversion'i @{ id = SIP_HDR_DIVERSION; } |
		'encryption'i @{ id = SIP_HDR_ENCRYPTION; } |
		'event'i @{ id = SIP_HDR_EVENT; } |
		'o'i @{ id = SIP_HDR_EVENT; } |
		'expires'i @{ id = SIP_HDR_EXPIRES; } |
		'from'i @{ id = SIP_HDR_FROM; } |
		'f'i @{ id = SIP_HDR_FROM; } |
		'hide'i @{ id = SIP_HDR_HIDE; } |
		'max-forwards'i @{ id = SIP_HDR_MAX_FORWARDS; } |
		'mime-version'i @{ id = SIP_HDR_MIME_VERSION; } |
		'min-expires'i @{ id = SIP_HDR_MIN_EXPIRES; } |
		'organization'i @{ id = SIP_HDR_ORGANIZATION; } |
		'priority'i @{ id = SIP_HDR_PRIORITY; } |
		'proxy-authenticate'i @{ id = SIP_HDR_PROXY_AUTHENTICATE; } |
		'proxy-authorization'i @{ id = SIP_HDR_PROXY_AUTHORIZATION; } |
		'proxy-require'i @{ id = SIP_HDR_PROXY_REQUIRE; } |
		'record-route'i @{ id = SIP_HDR_RECORD_ROUTE; } |
		'refer-to'i @{ id = SIP_HDR_REFER_TO; } |
		'r'i @{ id = SIP_HDR_REFER_TO; } |
		'referred-by'i @{ id = SIP_HDR_REFERRED_BY; } |
		'b'i @{ id = SIP_HDR_REFERRED_BY; } |
		'remote-party-id'i @{ id = SIP_HDR_REMOTE_PARTY_ID; } |
		'replaces'i @{ id = SIP_HDR_REPLACES; } |
		'requested-by'i @{ id = SIP_HDR_REQUESTED_BY; } |
		'require'i @{ id = SIP_HDR_REQUIRE; } |
		'response-key'i @{ id = SIP_HDR_RESPONSE_KEY; } |
		'retry-after'i @{ id = SIP_HDR_RETRY_AFTER; } |
		'route'i @{ id = SIP_HDR_ROUTE; } |
		'server'i @{ id = SIP_HDR_SERVER; } |
		'session-expires'i @{ id = SIP_HDR_SESSION_EXPIRES; } |
		'x'i @{ id = SIP_HDR_SESSION_EXPIRES; } |
		'subject'i @{ id = SIP_HDR_SUBJECT; } |
		's'i @{ id = SIP_HDR_SUBJECT; } |
		'subscription-state'i @{ id = SIP_HDR_SUBSCRIPTION_STATE; } |
		'supported'i @{ id = SIP_HDR_SUPPORTED; } |
		'k'i @{ id = SIP_HDR_SUPPORTED; } |
		'timestamp'i @{ id = SIP_HDR_TIMESTAMP; } |
		'to'i @{ id = SIP_HDR_TO; } |
		't'i @{ id = SIP_HDR_TO; } |
		'unsupported'i @{ id = SIP_HDR_UNSUPPORTED; } |
		'user-agent'i @{ id = SIP_HDR_USER_AGENT; } |
		'via'i @{ id = SIP_HDR_VIA; } |
		'v'i @{ id = SIP_HDR_VIA; } |
		'warning'i @{ id = SIP_HDR_WARNING; } |
		'www-authenticate'i @{ id = SIP_HDR_WWW_AUTHENTICATE; }
	);
}%%

%% write data noerror noentry;

enum sip_hdr_id sip_hdr_id(const char *name, size_t len)
{
	const unsigned char *p = (const unsigned char *)name, *pe = p + len;
	enum sip_hdr_id id = SIP_HDR_OTHER;
	int cs;

	%% write init;
	%% write exec;
	if (cs < sip_hdr_name_first_final || p != pe)
		return SIP_HDR_OTHER;
	return id;
}

# _hparam.rl - generic header parameters (RFC 3261 s.25.1 generic-param).
# The including machine defines the actions mk_pn, e_pn, mk_pv, e_pv,
# e_param and p_start.
%%{
	machine sip_hparam;

	ipv6bare = (xdigit | ':' | '.')+;     # received=2001:db8::9 (RFC 5118 s.4.5)
	# token | host | ipv6bare | quoted_string, as one language: a hostname
	# is a token.  A token's run of bytes that may also be an IPv6
	# address is skipped as such, the rest of it as a token.
	hex6     = xdigit | '.';
	# Each run skips from its first byte on (the skip is the last action
	# of that byte's transition, after the >mk_* that see p there).
	hex6run  = (hex6 @sk_hex6) (hex6 $sk_hex6)*;
	tokrun   = ((tch - hex6) @sk_tok) (tch $sk_tok)*;
	token_v  = hex6run | hex6run? tokrun;
	gen_value = token_v | ipv6bare | ipv6ref | quoted_string;
	hparam   = (token_f >mk_pn %e_pn) (EQUAL (gen_value >mk_pv %e_pv))?;
	hparams  = (SEMI >p_start hparam %e_param)*;

	# The same language with each run's skip on its second byte: less
	# code, for the values seldom parsed.
	hex6run_s = hex6 (hex6 $sk_hex6)*;
	tokrun_s  = (tch - hex6) (tch $sk_tok)*;
	pname_s   = tch (tch $sk_tok)*;
	gen_value_s = (hex6run_s | hex6run_s? tokrun_s) | ipv6bare | ipv6ref |
		      quoted_string;
	hparam_s  = (pname_s >mk_pn %e_pn) (EQUAL (gen_value_s >mk_pv %e_pv))?;
	hparams_s = (SEMI >p_start hparam_s %e_param)*;
}%%

/*
 * cnf_params.h - the parameter registry: every parameter the guide names.
 *
 * X(ID, "name", TYPE, "default", MIN, MAX, ENUMSET, FLAGS, MENU, "menu label")
 *
 * TYPE and ENUMSET are suffixes of enum cnf_type and of the enum-set tables in
 * cnf_param.c; MIN/MAX bound integers and string lengths.  The list is in
 * byte order of the names (lookup is a binary search; test_cnf_param checks
 * the order), and ids are the order of this list.
 *
 * Requirement marks name the guide's tables:
 *   [T3-1] Network Configuration Parameters   [T3-2] Summary of SIP Parameters
 *   [T3-3] Default SIP Configuration File     [T3-4] Phone-Specific Parameters
 *   [T3-5]/[T3-6] SIP Configuration menus     [T3-7..9] Date, Time and DST
 * Names in [T3-1] have no configuration-file name in the guide; the names here
 * are ours and those parameters live in flash only (CNF_F_NET).
 */
#ifndef CNF_PARAMS_H
#define CNF_PARAMS_H

/* lineN_* [T3-4][T3-5]: N = 1..6, five fields each, in name order. */
#define CNF__LINE(n)                                                          \
	X(LINE##n##_AUTHNAME, "line" #n "_authname", STR, "UNPROVISIONED", 0, \
	  CNF_STR_MAX, NONE, CNF_F_PHONE, SIP, "Authentication Name")        \
	X(LINE##n##_DISPLAYNAME, "line" #n "_displayname", STR, "", 0,         \
	  CNF_STR_MAX, NONE, CNF_F_PHONE, SIP, "Display Name")                 \
	X(LINE##n##_NAME, "line" #n "_name", STR, "UNPROVISIONED", 0,          \
	  CNF_STR_MAX, NONE, CNF_F_PHONE, SIP, "Name")                         \
	X(LINE##n##_PASSWORD, "line" #n "_password", STR, "UNPROVISIONED", 0, \
	  CNF_STR_MAX, NONE, CNF_F_PHONE | CNF_F_SECRET, SIP,                  \
	  "Authentication Password")                                          \
	X(LINE##n##_SHORTCODE, "line" #n "_shortcode", STR, "", 0,             \
	  CNF_STR_MAX, NONE, CNF_F_PHONE, SIP, "Shortname")

/* proxyN_address / proxyN_port [T3-3][T3-5]. */
#define CNF__PROXY(n)                                                         \
	X(PROXY##n##_ADDRESS, "proxy" #n "_address", HOST, "", 0,              \
	  CNF_HOST_MAX, NONE, 0, SIP, "Proxy Address")                         \
	X(PROXY##n##_PORT, "proxy" #n "_port", INT, "5060", 1, 65535, NONE, 0, \
	  SIP, "Proxy Port")

#define CNF_PARAM_LIST                                                        \
	X(ADMIN_VLAN_ID, "admin_vlan_id", INT, "", 0, 4095, NONE, CNF_F_NET,   \
	  NET, "Admin. VLAN Id")                                               \
	X(ALTERNATE_TFTP, "alternate_tftp", INT, "0", 0, 1, NONE, CNF_F_NET,   \
	  NET, "Alternate TFTP")                                               \
	X(ANONYMOUS_CALL_BLOCK, "anonymous_call_block", INT, "0", 0, 3, NONE,  \
	  0, CALLPREF, "Anonymous Call Block")                                 \
	X(AUTOCOMPLETE, "autocomplete", INT, "1", 0, 1, NONE, 0, CALLPREF,     \
	  "Auto-Complete Numbers")                                             \
	X(CALL_HOLD_RINGBACK, "call_hold_ringback", INT, "0", 0, 3, NONE, 0,   \
	  CALLPREF, "Call Hold Ringback")                                      \
	X(CALL_WAITING, "call_waiting", INT, "1", 0, 3, NONE, 0, CALLPREF,     \
	  "Call Waiting")                                                      \
	X(CALLERID_BLOCKING, "callerid_blocking", INT, "0", 0, 3, NONE, 0,     \
	  CALLPREF, "Caller ID Blocking")                                      \
	X(CNF_JOIN_ENABLE, "cnf_join_enable", INT, "1", 0, 1, NONE, 0, NONE,   \
	  "")                                                                  \
	X(DATE_FORMAT, "date_format", ENUM, "M/D/Y", 0, 0, DATE_FORMAT, 0,     \
	  TIMEDATE, "Date Format")                                             \
	X(DEFAULT_ROUTER_1, "default_router_1", IPV4, "", 0, 0, NONE,          \
	  CNF_F_NET, NET, "Default Router 1")                                  \
	X(DEFAULT_ROUTER_2, "default_router_2", IPV4, "", 0, 0, NONE,          \
	  CNF_F_NET, NET, "Default Router 2")                                  \
	X(DEFAULT_ROUTER_3, "default_router_3", IPV4, "", 0, 0, NONE,          \
	  CNF_F_NET, NET, "Default Router 3")                                  \
	X(DEFAULT_ROUTER_4, "default_router_4", IPV4, "", 0, 0, NONE,          \
	  CNF_F_NET, NET, "Default Router 4")                                  \
	X(DEFAULT_ROUTER_5, "default_router_5", IPV4, "", 0, 0, NONE,          \
	  CNF_F_NET, NET, "Default Router 5")                                  \
	X(DHCP_ADDRESS_RELEASED, "dhcp_address_released", INT, "0", 0, 1,      \
	  NONE, CNF_F_NET, NET, "DHCP Address Released")                       \
	X(DHCP_ENABLED, "dhcp_enabled", INT, "1", 0, 1, NONE, CNF_F_NET, NET,  \
	  "DHCP Enabled")                                                      \
	X(DHCP_SERVER, "dhcp_server", IPV4, "", 0, 0, NONE,                    \
	  CNF_F_NET | CNF_F_RO, NET, "DHCP Server")                            \
	X(DIAL_TEMPLATE, "dial_template", STR, "dialplan", 0, CNF_NAME_MAX,    \
	  NONE, 0, NONE, "")                                                   \
	X(DIRECTORY_URL, "directory_url", STR, "", 0, CNF_STR_MAX, NONE, 0,    \
	  NONE, "")                                                            \
	X(DND_CONTROL, "dnd_control", INT, "0", 0, 3, NONE, 0, CALLPREF,       \
	  "Do Not Disturb")                                                    \
	X(DNS_SERVER_1, "dns_server_1", IPV4, "", 0, 0, NONE, CNF_F_NET, NET,  \
	  "DNS Server 1")                                                      \
	X(DNS_SERVER_2, "dns_server_2", IPV4, "", 0, 0, NONE, CNF_F_NET, NET,  \
	  "DNS Server 2")                                                      \
	X(DNS_SERVER_3, "dns_server_3", IPV4, "", 0, 0, NONE, CNF_F_NET, NET,  \
	  "DNS Server 3")                                                      \
	X(DNS_SERVER_4, "dns_server_4", IPV4, "", 0, 0, NONE, CNF_F_NET, NET,  \
	  "DNS Server 4")                                                      \
	X(DNS_SERVER_5, "dns_server_5", IPV4, "", 0, 0, NONE, CNF_F_NET, NET,  \
	  "DNS Server 5")                                                      \
	X(DOMAIN_NAME, "domain_name", STR, "", 0, CNF_HOST_MAX, NONE,          \
	  CNF_F_NET, NET, "Domain Name")                                       \
	X(DST_AUTO_ADJUST, "dst_auto_adjust", INT, "1", 0, 1, NONE, 0, NONE,   \
	  "")                                                                  \
	X(DST_OFFSET, "dst_offset", DST_OFFSET, "01/00", 0, 0, NONE, 0, NONE,  \
	  "")                                                                  \
	X(DST_START_DAY, "dst_start_day", INT, "0", 0, 31, NONE, 0, NONE, "")  \
	X(DST_START_DAY_OF_WEEK, "dst_start_day_of_week", ENUM, "Sunday", 0,   \
	  0, WEEKDAY, 0, NONE, "")                                             \
	X(DST_START_MONTH, "dst_start_month", ENUM, "April", 0, 0, MONTH, 0,   \
	  NONE, "")                                                            \
	X(DST_START_TIME, "dst_start_time", DST_TIME, "02/00", 0, 0, NONE, 0,  \
	  NONE, "")                                                            \
	X(DST_START_WEEK_OF_MONTH, "dst_start_week_of_month", ENUM, "1", 0, 0, \
	  WEEK_OF_MONTH, 0, NONE, "")                                          \
	X(DST_STOP_DAY, "dst_stop_day", INT, "0", 0, 31, NONE, 0, NONE, "")    \
	X(DST_STOP_DAY_OF_WEEK, "dst_stop_day_of_week", ENUM, "Sunday", 0, 0,  \
	  WEEKDAY, 0, NONE, "")                                                \
	X(DST_STOP_MONTH, "dst_stop_month", ENUM, "October", 0, 0, MONTH, 0,   \
	  NONE, "")                                                            \
	X(DST_STOP_TIME, "dst_stop_time", DST_TIME, "02/00", 0, 0, NONE, 0,    \
	  NONE, "")                                                            \
	X(DST_STOP_WEEK_OF_MONTH, "dst_stop_week_of_month", ENUM, "8", 0, 0,   \
	  WEEK_OF_MONTH, 0, NONE, "")                                          \
	X(DTMF_AVT_PAYLOAD, "dtmf_avt_payload", INT, "101", 96, 127, NONE,     \
	  CNF_F_FALLBACK_HIGH, NONE, "")                                       \
	X(DTMF_DB_LEVEL, "dtmf_db_level", INT, "3", 1, 5, NONE, 0, NONE, "")   \
	X(DTMF_INBAND, "dtmf_inband", INT, "1", 0, 1, NONE, 0, NONE, "")       \
	X(DTMF_OUTOFBAND, "dtmf_outofband", ENUM, "avt", 0, 0, OUTOFBAND, 0,   \
	  SIP, "Out of Band DTMF")                                             \
	X(DYN_DNS_ADDR_1, "dyn_dns_addr_1", IPV4, "", 0, 0, NONE,              \
	  CNF_F_NOFLASH, NET, "Dynamic DNS Server 1")                          \
	X(DYN_DNS_ADDR_2, "dyn_dns_addr_2", IPV4, "", 0, 0, NONE,              \
	  CNF_F_NOFLASH, NET, "Dynamic DNS Server 2")                          \
	X(DYN_TFTP_ADDR, "dyn_tftp_addr", IPV4, "", 0, 0, NONE, CNF_F_NOFLASH, \
	  NET, "Dynamic TFTP Server")                                          \
	X(ENABLE_VAD, "enable_vad", INT, "0", 0, 1, NONE, 0, SIP,              \
	  "Enable VAD")                                                        \
	X(END_MEDIA_PORT, "end_media_port", INT, "32766", 16384, 32766, NONE,  \
	  0, SIP, "End Media Port")                                            \
	X(HOST_NAME, "host_name", STR, "", 0, CNF_NAME_MAX, NONE,              \
	  CNF_F_NET | CNF_F_RO, NET, "Host Name")                              \
	X(HTTP_PROXY_ADDR, "http_proxy_addr", HOST, "", 0, CNF_HOST_MAX, NONE, \
	  0, NET, "HTTP Proxy Address")                                        \
	X(HTTP_PROXY_PORT, "http_proxy_port", INT, "80", 1, 65535, NONE, 0,    \
	  NET, "HTTP Proxy Port")                                              \
	X(IMAGE_VERSION, "image_version", STR, "", 0, CNF_NAME_MAX, NONE, 0,   \
	  NONE, "")                                                            \
	X(IP_ADDRESS, "ip_address", IPV4, "", 0, 0, NONE, CNF_F_NET, NET,      \
	  "IP Address")                                                        \
	X(LANGUAGE, "language", ENUM, "English", 0, 0, LANGUAGE, 0, NONE, "")  \
	CNF__LINE(1) CNF__LINE(2) CNF__LINE(3)                                 \
	CNF__LINE(4) CNF__LINE(5) CNF__LINE(6)                                 \
	X(LOGO_URL, "logo_url", STR, "", 0, CNF_STR_MAX, NONE, 0, NONE, "")    \
	X(MAC_ADDRESS, "mac_address", STR, "", 0, 12, NONE,                    \
	  CNF_F_NET | CNF_F_RO, NET, "MAC Address")                            \
	X(MESSAGES_URI, "messages_uri", STR, "", 0, CNF_STR_MAX, NONE, 0, SIP, \
	  "Messages URI")                                                      \
	X(NAT_ADDRESS, "nat_address", HOST, "", 0, CNF_HOST_MAX, NONE, 0, SIP, \
	  "NAT Address")                                                       \
	X(NAT_ENABLE, "nat_enable", INT, "0", 0, 1, NONE, 0, SIP,              \
	  "NAT Enabled")                                                       \
	X(NAT_RECEIVED_PROCESSING, "nat_received_processing", INT, "0", 0, 1,  \
	  NONE, 0, NONE, "")                                                   \
	X(NETWORK_MEDIA_TYPE, "network_media_type", ENUM, "Auto", 0, 0,        \
	  MEDIA_TYPE, 0, NET, "Network Media Type")                            \
	X(NETWORK_PORT2_TYPE, "network_port2_type", ENUM, "Hub/Switch", 0, 0,  \
	  PORT2_TYPE, 0, NET, "Network Port 2 Device Type")                    \
	X(OPERATIONAL_VLAN_ID, "operational_vlan_id", INT, "", 0, 4095, NONE,  \
	  CNF_F_NET | CNF_F_RO, NET, "Operational VLAN Id")                    \
	X(OUTBOUND_PROXY, "outbound_proxy", HOST, "", 0, CNF_HOST_MAX, NONE,   \
	  0, SIP, "Outbound Proxy")                                            \
	X(OUTBOUND_PROXY_PORT, "outbound_proxy_port", INT, "5060", 1, 65535,   \
	  NONE, 0, SIP, "Outbound Proxy Port")                                 \
	X(PHONE_LABEL, "phone_label", STR, "", 0, 11, NONE, CNF_F_PHONE, SIP,  \
	  "Phone Label")                                                       \
	X(PHONE_PASSWORD, "phone_password", STR, "cisco", 0, CNF_NAME_MAX,     \
	  NONE, CNF_F_SECRET, NONE, "")                                        \
	X(PHONE_PROMPT, "phone_prompt", STR, "SIP Phone", 0, CNF_NAME_MAX,     \
	  NONE, 0, NONE, "")                                                   \
	X(PREFERRED_CODEC, "preferred_codec", ENUM, "g711ulaw", 0, 0, CODEC,   \
	  0, SIP, "Preferred Codec")                                           \
	CNF__PROXY(1) CNF__PROXY(2) CNF__PROXY(3)                              \
	CNF__PROXY(4) CNF__PROXY(5) CNF__PROXY(6)                              \
	X(PROXY_BACKUP, "proxy_backup", IPV4, "", 0, 0, NONE, 0, SIP,          \
	  "Backup Proxy")                                                      \
	X(PROXY_BACKUP_PORT, "proxy_backup_port", INT, "5060", 1, 65535, NONE, \
	  0, SIP, "Backup Proxy Port")                                         \
	X(PROXY_EMERGENCY, "proxy_emergency", IPV4, "", 0, 0, NONE, 0, SIP,    \
	  "Emergency Proxy")                                                   \
	X(PROXY_EMERGENCY_PORT, "proxy_emergency_port", INT, "5060", 1, 65535, \
	  NONE, 0, SIP, "Emergency Proxy Port")                                \
	X(PROXY_REGISTER, "proxy_register", INT, "0", 0, 1, NONE, 0, SIP,      \
	  "Register with Proxy")                                               \
	X(REMOTE_PARTY_ID, "remote_party_id", INT, "0", 0, 1, NONE, 0, NONE,   \
	  "")                                                                  \
	X(SEMI_ATTENDED_TRANSFER, "semi_attended_transfer", INT, "1", 0, 1,    \
	  NONE, 0, NONE, "")                                                   \
	X(SERVICES_URL, "services_url", STR, "", 0, CNF_STR_MAX, NONE, 0,      \
	  NONE, "")                                                            \
	X(SIP_INVITE_RETX, "sip_invite_retx", INT, "6", 1, CNF_INT_MAX, NONE,  \
	  0, NONE, "")                                                         \
	X(SIP_RETX, "sip_retx", INT, "10", 1, CNF_INT_MAX, NONE, 0, NONE, "")  \
	X(SNTP_MODE, "sntp_mode", ENUM, "directedbroadcast", 0, 0, SNTP_MODE,  \
	  0, NONE, "")                                                         \
	X(SNTP_SERVER, "sntp_server", HOST, "0.0.0.0", 0, CNF_HOST_MAX, NONE,  \
	  0, NONE, "")                                                         \
	X(START_MEDIA_PORT, "start_media_port", INT, "16384", 16384, 32766,    \
	  NONE, 0, SIP, "Start Media Port")                                    \
	X(SUBNET_MASK, "subnet_mask", IPV4, "", 0, 0, NONE, CNF_F_NET, NET,    \
	  "Subnet Mask")                                                       \
	X(SYNC, "sync", STR, "", 0, 32, NONE, 0, NONE, "")                     \
	X(TELNET_LEVEL, "telnet_level", INT, "0", 0, 2, NONE, 0, NONE, "")     \
	X(TFTP_CFG_DIR, "tftp_cfg_dir", STR, "", 0, CNF_STR_MAX, NONE, 0, SIP, \
	  "TFTP Directory")                                                    \
	X(TFTP_SERVER, "tftp_server", IPV4, "", 0, 0, NONE, CNF_F_NET, NET,    \
	  "TFTP Server")                                                       \
	X(TIME_FORMAT_24HR, "time_format_24hr", INT, "1", 0, 3, NONE, 0,       \
	  TIMEDATE, "Time format 24-hr")                                       \
	X(TIME_ZONE, "time_zone", ENUM, "PST", 0, 0, TIME_ZONE, 0, TIMEDATE,   \
	  "Time Zone")                                                         \
	X(TIMER_INVITE_EXPIRES, "timer_invite_expires", INT, "180", 1,         \
	  CNF_INT_MAX, NONE, 0, NONE, "")                                      \
	X(TIMER_REGISTER_EXPIRES, "timer_register_expires", INT, "3600", 1,    \
	  3932100, NONE, 0, SIP, "Register Expires")                           \
	X(TIMER_T1, "timer_t1", INT, "500", 1, CNF_INT_MAX, NONE, 0, NONE, "") \
	X(TIMER_T2, "timer_t2", INT, "4000", 1, CNF_INT_MAX, NONE, 0, NONE,    \
	  "")                                                                  \
	X(TOS_MEDIA, "tos_media", INT, "5", 0, 5, NONE, 0, NONE, "")           \
	X(USER_INFO, "user_info", ENUM, "none", 0, 0, USER_INFO, 0, NONE, "")  \
	X(VOIP_CONTROL_PORT, "voip_control_port", INT, "5060", 1025, 65535,    \
	  NONE, 0, SIP, "VoIP Control Port")

#endif

/*
 * main.c - the phone on a Linux host: build/bin/sipphone.
 *
 * The command line is a contract (scripts and tests drive it); --help
 * documents it.  One libuv loop runs everything; SIGTERM and SIGINT shut
 * the phone down cleanly (every handle closed, flash consistent).
 */
#define _DEFAULT_SOURCE /* isatty, getopt_long */
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio_wav.h"
#include "phone/phone_call.h"
#include "fetch_dir.h"
#include "fetch_tftp.h"
#include "log/log.h"
#include "menu/menu.h"
#include "phone/phone.h"
#include "tui.h"

static const char usage[] =
	"usage: sipphone [options]\n"
	"  --mac MAC            12 hex digits; names SIP<MAC>.cnf and the host\n"
	"                       name SIP<MAC> (default 00503EFFF842)\n"
	"  --ip ADDR            the phone's own address; it binds there (e.g.\n"
	"                       127.0.0.2); without it the phone asks DHCP\n"
	"                       (options 1, 3, 6, 15, 50, 66; needs root)\n"
	"  --tftp-root DIR      provisioning files are read from this folder\n"
	"  --tftp HOST[:PORT]   a real TFTP server instead (default with DHCP:\n"
	"                       option 66)\n"
	"  --flash FILE         file-backed flash, created when missing\n"
	"  --telnet-port PORT   telnet CLI port (default 23)\n"
	"  --ui tui|headless    front end (default: tui on a terminal, else\n"
	"                       headless)\n"
	"  --audio-in WAV --audio-out WAV\n"
	"                       host audio (default: silence in, discard out)\n"
	"  --auto-answer SECONDS\n"
	"                       answer a ringing call after SECONDS (host\n"
	"                       testing, like baresip's)\n"
	"  --log FILE           log file (default: standard error)\n"
	"  -v                   debug messages of every category\n"
	"  --help               this text\n"
	"SIGTERM or SIGINT shuts the phone down cleanly.\n";

struct host {
	struct phone phone;
	struct fetch_dir dir;
	struct fetch_host fetch;
	uv_signal_t sigterm, sigint;
	FILE *log;
	int tui;
	int stopping;
	struct tui term; /* --ui tui: the keyboard */
	/* --audio-in / --audio-out: the handset's microphone and speaker */
	const char *audio_in, *audio_out;
	struct audio_wav_in wav_in;
	struct audio_wav_out wav_out;
	uint8_t have_in, have_out;
	struct phone_audio audio;
};

static void audio_read(void *arg, int16_t *pcm, size_t n)
{
	struct host *h = arg;

	if (h->have_in)
		audio_wav_read(&h->wav_in, pcm, n);
	else
		memset(pcm, 0, n * sizeof(*pcm));
}

static void audio_write(void *arg, const int16_t *pcm, size_t n)
{
	struct host *h = arg;

	if (h->have_out && audio_wav_write(&h->wav_out, pcm, n)) {
		log_printf(LOG_ERR, LOG_CAT_MEDIA, "%s: cannot write",
			   h->audio_out);
		audio_wav_abort(&h->wav_out);
		h->have_out = 0;
	}
}

static void log_sink(void *arg, enum log_level level, enum log_cat cat,
		     const char *msg)
{
	struct host *h = arg;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	strftime(when, sizeof(when), "%H:%M:%S", localtime_r(&now, &tm));
	fprintf(h->log, "%s %s %s: %s\n", when, log_cat_name(cat),
		log_level_name(level), msg);
	fflush(h->log);
	/* "tty mon": the telnet sessions that asked for the log */
	if (h->phone.telnet_open)
		cli_telnet_log(&h->phone.telnet, level, cat, msg);
}

/* The terminal front end draws the whole screen again on each change. */
static void draw(void *arg, const struct lcd *l)
{
	struct host *h = arg;
	char text[LCD_TEXT_MAX];

	(void)l;
	if (!h->tui || phone_screen_text(&h->phone, text, sizeof(text)) < 0)
		return;
	fputs("\033[H\033[2J", stdout);
	fputs(text, stdout);
	fputs(tui_legend(), stdout);
	fflush(stdout);
}

/* --ui tui: the keys go to the phone (phone_key: the Settings menus, the
 * Directories and Services screens, or the calls). */
static void tui_key(void *arg, enum menu_key k)
{
	struct host *h = arg;

	if (h->stopping)
		return;
	phone_key(&h->phone, k);
}

static void tui_text(void *arg, char c)
{
	struct host *h = arg;

	if (h->stopping)
		return;
	if (h->phone.menu && menu_text_entry(h->phone.menu))
		menu_char(h->phone.menu, c);
	else
		phone_calls_text(&h->phone, c); /* URL dialing */
}

static bool tui_text_entry(void *arg)
{
	struct host *h = arg;

	return (h->phone.menu && menu_text_entry(h->phone.menu)) ||
	       phone_calls_text_entry(&h->phone);
}

static const struct tui_ops tui_ops = {
	.key = tui_key,
	.text = tui_text,
	.text_entry = tui_text_entry,
};

static void on_closed(void *arg)
{
	(void)arg;
}

static void on_signal(uv_signal_t *s, int signum)
{
	struct host *h = s->data;

	log_printf(LOG_INFO, LOG_CAT_CFG, "signal %d: shutting down", signum);
	if (h->stopping)
		return;
	h->stopping = 1;
	uv_close((uv_handle_t *)&h->sigterm, NULL);
	uv_close((uv_handle_t *)&h->sigint, NULL);
	tui_close(&h->term);
	fetch_host_cancel(&h->fetch);
	if (h->fetch.tftp)
		tftp_client_close(h->fetch.tftp, NULL, NULL);
	fetch_dir_fini(&h->dir);
	phone_close(&h->phone, on_closed, h);
}

static int parse_mac(const char *s, char out[13])
{
	unsigned i;

	if (strlen(s) != 12)
		return -1;
	for (i = 0; i < 12; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'f')
			c = (char)(c - 'a' + 'A');
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')))
			return -1;
		out[i] = c;
	}
	out[12] = '\0';
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"mac", required_argument, NULL, 'm'},
		{"ip", required_argument, NULL, 'i'},
		{"tftp-root", required_argument, NULL, 'r'},
		{"tftp", required_argument, NULL, 't'},
		{"flash", required_argument, NULL, 'f'},
		{"telnet-port", required_argument, NULL, 'p'},
		{"ui", required_argument, NULL, 'u'},
		{"audio-in", required_argument, NULL, 'a'},
		{"audio-out", required_argument, NULL, 'o'},
		{"log", required_argument, NULL, 'l'},
		{"auto-answer", required_argument, NULL, 'A'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static struct host h;
	struct phone_opts o = {.mac = "00503EFFF842",
			       .telnet_port = CLI_TELNET_PORT_DEFAULT,
			       .auto_answer = -1};
	struct boot_fetcher fetcher;
	const char *ui = NULL, *log_path = NULL;
	uv_loop_t *uv = uv_default_loop();
	long port;
	int c, err, verbose = 0;
	unsigned i;

	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (parse_mac(optarg, o.mac)) {
				fprintf(stderr, "sipphone: --mac wants 12 hex "
						"digits, not %s\n", optarg);
				return 2;
			}
			break;
		case 'i': {
			uint32_t ip;

			if (net_addr_parse_ip(optarg, strlen(optarg), &ip)) {
				fprintf(stderr, "sipphone: --ip wants a dotted "
						"IPv4 address, not %s\n", optarg);
				return 2;
			}
			snprintf(o.ip, sizeof(o.ip), "%s", optarg);
			break;
		}
		case 'r':
			o.tftp_root = optarg;
			break;
		case 't':
			o.tftp = optarg;
			break;
		case 'f':
			o.flash = optarg;
			break;
		case 'p':
			port = strtol(optarg, NULL, 10);
			if (port < 1 || port > 65535) {
				fprintf(stderr, "sipphone: bad --telnet-port %s\n",
					optarg);
				return 2;
			}
			o.telnet_port = (uint16_t)port;
			break;
		case 'u':
			if (strcmp(optarg, "tui") && strcmp(optarg, "headless")) {
				fprintf(stderr, "sipphone: --ui tui|headless\n");
				return 2;
			}
			ui = optarg;
			break;
		case 'a':
			h.audio_in = optarg;
			break;
		case 'o':
			h.audio_out = optarg;
			break;
		case 'A': {
			char *end;
			long secs = strtol(optarg, &end, 10);

			if (*end || secs < 0 || secs > 3600) {
				fprintf(stderr, "sipphone: --auto-answer wants "
						"0..3600 seconds, not %s\n",
					optarg);
				return 2;
			}
			o.auto_answer = (int)secs;
			break;
		}
		case 'l':
			log_path = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sipphone: unexpected argument %s\n", argv[optind]);
		return 2;
	}
	if (!o.tftp_root && !o.tftp && o.ip[0]) {
		fprintf(stderr, "sipphone: give --tftp-root DIR or --tftp HOST "
				"(or no --ip: DHCP option 66)\n");
		return 2;
	}
	if (o.tftp && fetch_parse_server(o.tftp, &h.fetch.server)) {
		fprintf(stderr, "sipphone: --tftp wants a dotted address and an "
				"optional port, not %s\n", o.tftp);
		return 2;
	}
	h.log = stderr;
	if (log_path) {
		h.log = fopen(log_path, "a");
		if (!h.log) {
			fprintf(stderr, "sipphone: %s: %s\n", log_path,
				strerror(errno));
			return 2;
		}
	}
	/* A telnet client that hangs up must not kill the phone: writes to
	 * it fail with EPIPE instead. */
	signal(SIGPIPE, SIG_IGN);
	log_set_sink(log_sink, &h);
	for (i = 0; verbose && i < LOG_CAT__COUNT; i++)
		log_enable((enum log_cat)i, 1);
	h.tui = ui ? strcmp(ui, "tui") == 0 : isatty(STDOUT_FILENO);

	if (!o.ip[0]) {
		/* DHCP broadcasts leave through an interface of their own: the
		 * first one that is not loopback. */
		struct if_nameindex *ifs = if_nameindex(), *it;
		static char ifname[IF_NAMESIZE + 1];

		for (it = ifs; it && it->if_index; it++)
			if (strcmp(it->if_name, "lo") != 0) {
				snprintf(ifname, sizeof(ifname), "%s",
					 it->if_name);
				o.dhcp_if = ifname;
				break;
			}
		if (ifs)
			if_freenameindex(ifs);
	}
	{
		char why[AUDIO_WAV_ERR_MAX];

		if (h.audio_in) {
			if (audio_wav_open_read(&h.wav_in, h.audio_in, why,
						sizeof(why))) {
				fprintf(stderr, "sipphone: %s\n", why);
				return 2;
			}
			h.have_in = 1;
		}
		if (h.audio_out) {
			if (audio_wav_open_write(&h.wav_out, h.audio_out, why,
						 sizeof(why))) {
				fprintf(stderr, "sipphone: %s\n", why);
				return 2;
			}
			h.have_out = 1;
		}
		h.audio.read = audio_read;
		h.audio.write = audio_write;
		h.audio.arg = &h;
		o.audio = &h.audio;
	}
	fetch_dir_init(&h.dir, o.tftp_root, NULL);
	h.fetch.dir = o.tftp_root ? &h.dir : NULL;
	fetcher = fetch_host_fetcher(&h.fetch);
	err = phone_open(&h.phone, uv, &o, &fetcher);
	if (err) {
		fprintf(stderr, "sipphone: %s\n", strerror(-err));
		return 1;
	}
	h.dir.timers = &h.phone.loop.timers;
	{
		uint32_t ip = 0; /* DHCP: any address */

		if (o.ip[0] && net_addr_parse_ip(o.ip, strlen(o.ip), &ip))
			ip = 0;
		/* TFTP for --tftp and for any dyn_tftp_addr server. */
		err = tftp_client_open(&h.fetch.tftp, uv, &h.phone.loop.timers,
				       ip);
		if (err) {
			fprintf(stderr, "sipphone: tftp: %s\n",
				tftp_strerror(err));
			return 1;
		}
	}
	phone_set_screen_hook(&h.phone, draw, &h);
	if (h.tui && (err = tui_open(&h.term, uv, STDIN_FILENO, &tui_ops,
				     &h))) {
		/* the screen is still drawn; keys come only by telnet */
		fprintf(stderr, "sipphone: keyboard: %s\n", uv_strerror(err));
	}
	uv_signal_init(uv, &h.sigterm);
	uv_signal_init(uv, &h.sigint);
	h.sigterm.data = h.sigint.data = &h;
	uv_signal_start(&h.sigterm, on_signal, SIGTERM);
	uv_signal_start(&h.sigint, on_signal, SIGINT);
	log_printf(LOG_INFO, LOG_CAT_CFG, "sipphone %s on %s", o.mac,
		   o.ip[0] ? o.ip : "DHCP");
	phone_start(&h.phone);
	uv_run(uv, UV_RUN_DEFAULT);
	tui_close(&h.term); /* the terminal as it was, whatever happened */
	err = uv_loop_close(uv);
	if (h.have_in)
		audio_wav_close_read(&h.wav_in);
	if (h.have_out && audio_wav_close_write(&h.wav_out))
		log_printf(LOG_ERR, LOG_CAT_MEDIA, "%s: not written",
			   h.audio_out);
	log_printf(LOG_INFO, LOG_CAT_CFG, "stopped%s",
		   err ? " (handles left open)" : "");
	if (h.log != stderr)
		fclose(h.log);
	return err ? 1 : 0;
}

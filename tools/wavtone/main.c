/*
 * wavtone - make and check test audio (8 kHz mono 16-bit WAV files), a
 * contract the call tests parse:
 *
 *   wavtone gen OUT.wav SECONDS [--tone HZ[+HZ]]... [--dtmf DIGITS]
 *     tones summed, each frequency at amplitude WAVTONE_AMP; DTMF digits
 *     (SpanDSP dtmf_tx, its default level) 100 ms on / 100 ms off from
 *     0.5 s, as many as fit.
 *   wavtone detect IN.wav
 *     tones: HZ HZ ...   steady pure tones (present without a break for
 *                        WAVTONE_STEADY_MS or more), ascending; "-" if none
 *     dtmf: DIGITS       SpanDSP dtmf_rx, in order; "-" if none
 *
 * Exit 0, or 2 on a usage or I/O error (a message on stderr).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/audio_wav.h"
#include "media_dsp.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

enum {
	RATE = 8000,
	WAVTONE_MAX_SECONDS = 300,   /* gen and detect: longer is refused */
	WAVTONE_MAX_TONES = 16,      /* frequencies in one gen */
	WAVTONE_MAX_DIGITS = 128,
	WAVTONE_AMP = 5000,
	WAVTONE_DTMF_START = RATE / 2,
	WIN = 800,                   /* 100 ms: 10 Hz bins */
	HOP = 400,                   /* 50 ms */
	BIN_HZ = RATE / WIN,
	F_LO = 100, F_HI = 3900,
	NBINS = (F_HI - F_LO) / BIN_HZ + 1,
	WAVTONE_STEADY_MS = 300,
	STEADY_WINS = (WAVTONE_STEADY_MS - WIN * 1000 / RATE) / (HOP * 1000 / RATE) + 1,
	SILENCE_DBOV = -60,
};

static int usage(void)
{
	fprintf(stderr,
		"usage: wavtone gen OUT.wav SECONDS [--tone HZ[+HZ]]... "
		"[--dtmf DIGITS]\n"
		"       wavtone detect IN.wav\n");
	return 2;
}

static int gen(int argc, char **argv)
{
	double freq[WAVTONE_MAX_TONES], secs;
	unsigned nfreq = 0;
	const char *digits = "";
	struct audio_wav_out out;
	char err[AUDIO_WAV_ERR_MAX], *end;
	int16_t *pcm = NULL;
	size_t n, i, k;
	int rc = 2, a;

	if (argc < 4)
		return usage();
	secs = strtod(argv[3], &end);
	if (*end || !(secs > 0) || secs > WAVTONE_MAX_SECONDS) {
		fprintf(stderr, "wavtone: SECONDS must be in (0, %d]: %s\n",
			WAVTONE_MAX_SECONDS, argv[3]);
		return 2;
	}
	for (a = 4; a < argc; a++) {
		if (!strcmp(argv[a], "--tone") && a + 1 < argc) {
			const char *p = argv[++a];

			for (;;) {
				double f = strtod(p, &end);

				if (end == p || !(f > 0) || f >= RATE / 2 ||
				    nfreq >= WAVTONE_MAX_TONES) {
					fprintf(stderr, "wavtone: bad --tone %s\n",
						argv[a]);
					return 2;
				}
				freq[nfreq++] = f;
				if (*end != '+')
					break;
				p = end + 1;
			}
			if (*end)
				return usage();
		} else if (!strcmp(argv[a], "--dtmf") && a + 1 < argc) {
			digits = argv[++a];
			if (strlen(digits) > WAVTONE_MAX_DIGITS ||
			    strspn(digits, "0123456789*#ABCDabcd") != strlen(digits)) {
				fprintf(stderr, "wavtone: bad --dtmf %s\n", digits);
				return 2;
			}
		} else {
			return usage();
		}
	}
	n = (size_t)lrint(secs * RATE);
	pcm = calloc(n, sizeof(*pcm));
	if (!pcm) {
		fprintf(stderr, "wavtone: out of memory\n");
		goto out;
	}
	for (i = 0; i < n; i++) {
		double s = 0;

		for (k = 0; k < nfreq; k++)
			s += WAVTONE_AMP * sin(2 * M_PI * freq[k] * (double)i / RATE);
		pcm[i] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : lrint(s));
	}
	if (*digits && n > WAVTONE_DTMF_START) {
		dtmf_tx_state_t *tx = dtmf_tx_init(NULL);
		int16_t buf[RATE / 50];
		int got;

		if (!tx) {
			fprintf(stderr, "wavtone: out of memory\n");
			goto out;
		}
		dtmf_tx_set_timing(tx, 100, 100);
		dtmf_tx_put(tx, digits, -1);
		for (i = WAVTONE_DTMF_START; i < n; i += (size_t)got) {
			size_t want = n - i < RATE / 50 ? n - i : RATE / 50;

			got = dtmf_tx(tx, buf, (int)want);
			if (got <= 0)
				break;
			for (k = 0; k < (size_t)got; k++)
				pcm[i + k] = media_sat_add(pcm[i + k], buf[k]);
		}
		dtmf_tx_free(tx);
	}
	if (audio_wav_open_write(&out, argv[2], err, sizeof(err))) {
		fprintf(stderr, "wavtone: %s\n", err);
		goto out;
	}
	if (audio_wav_write(&out, pcm, n)) {
		fprintf(stderr, "wavtone: %s: write failed\n", argv[2]);
		audio_wav_abort(&out);
		goto out;
	}
	if (audio_wav_close_write(&out)) {
		fprintf(stderr, "wavtone: %s: %s\n", argv[2], strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(pcm);
	return rc;
}

/* Goertzel power of WIN windowed samples at HZ, as a share of the
 * window's energy (a pure tone on a bin: about 2/3 with the Hann
 * window). */
static double bin_share(const double *x, double energy, double hz)
{
	double k = 2 * cos(2 * M_PI * hz / RATE), s1 = 0, s2 = 0;
	unsigned i;

	for (i = 0; i < WIN; i++) {
		double s = x[i] + k * s1 - s2;

		s2 = s1;
		s1 = s;
	}
	return (s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / (WIN * energy);
}

static void detect_tones(const int16_t *pcm, size_t n)
{
	static double hann[WIN];
	double x[WIN], share[NBINS], *acc;
	unsigned *run, *best, b, printed = 0;
	bool *peak;
	size_t off;

	acc = calloc(NBINS, sizeof(*acc));
	run = calloc(NBINS, sizeof(*run));
	best = calloc(NBINS, sizeof(*best));
	peak = calloc(NBINS, sizeof(*peak));
	if (!acc || !run || !best || !peak)
		goto out;
	for (b = 0; b < WIN; b++)
		hann[b] = 0.5 - 0.5 * cos(2 * M_PI * b / WIN);
	for (off = 0; off + WIN <= n; off += HOP) {
		double energy = 0;

		if (media_power_dbov(pcm + off, WIN) < SILENCE_DBOV) {
			memset(run, 0, NBINS * sizeof(*run));
			continue;
		}
		for (b = 0; b < WIN; b++) {
			x[b] = pcm[off + b] * hann[b];
			energy += x[b] * x[b];
		}
		for (b = 0; b < NBINS; b++)
			share[b] = bin_share(x, energy, F_LO + b * BIN_HZ);
		for (b = 0; b < NBINS; b++)
			peak[b] = share[b] > 0.1 &&
				  (b == 0 || share[b] >= share[b - 1]) &&
				  (b + 1 == NBINS || share[b] > share[b + 1]);
		for (b = 0; b < NBINS; b++) {
			/* A tone may sit on either side of a bin edge from
			 * one window to the next. */
			bool near = peak[b] || (b && peak[b - 1]) ||
				    (b + 1 < NBINS && peak[b + 1]);

			run[b] = near ? run[b] + 1 : 0;
			if (run[b] > best[b])
				best[b] = run[b];
			acc[b] += share[b];
		}
	}
	printf("tones:");
	for (b = 0; b < NBINS; b++) {
		unsigned e = b, m = b, c;
		double f;

		if (best[b] < STEADY_WINS)
			continue;
		/* A cluster of qualifying bins: one tone, at its strongest
		 * bin, refined by a parabola through the neighbours. */
		while (e + 1 < NBINS && best[e + 1] >= STEADY_WINS)
			e++;
		for (c = b; c <= e; c++)
			if (acc[c] > acc[m])
				m = c;
		f = F_LO + m * BIN_HZ;
		if (m > 0 && m + 1 < NBINS) {
			double l = log(acc[m - 1] + 1e-12), r = log(acc[m + 1] + 1e-12),
			       mid = log(acc[m] + 1e-12), den = l - 2 * mid + r;

			if (den < 0)
				f += BIN_HZ * 0.5 * (l - r) / den;
		}
		printf(" %ld", lrint(f));
		printed++;
		b = e;
	}
	printf("%s\n", printed ? "" : " -");
out:
	free(acc);
	free(run);
	free(best);
	free(peak);
}

static int detect(int argc, char **argv)
{
	struct audio_wav_in in;
	char err[AUDIO_WAV_ERR_MAX], digits[WAVTONE_MAX_DIGITS * 4 + 1];
	dtmf_rx_state_t *rx;
	int16_t *pcm;
	size_t n;

	if (argc != 3)
		return usage();
	if (audio_wav_open_read(&in, argv[2], err, sizeof(err))) {
		fprintf(stderr, "wavtone: %s\n", err);
		return 2;
	}
	if (in.samples > (uint32_t)WAVTONE_MAX_SECONDS * RATE) {
		fprintf(stderr, "wavtone: %s: longer than %d s\n", argv[2],
			WAVTONE_MAX_SECONDS);
		audio_wav_close_read(&in);
		return 2;
	}
	pcm = malloc(((size_t)in.samples + 1) * sizeof(*pcm));
	if (!pcm) {
		audio_wav_close_read(&in);
		return 2;
	}
	n = audio_wav_read(&in, pcm, in.samples);
	audio_wav_close_read(&in);
	detect_tones(pcm, n);
	rx = dtmf_rx_init(NULL, NULL, NULL);
	if (!rx) {
		free(pcm);
		return 2;
	}
	/* Notch dial tone (350+440 Hz) out: keys are often sent over it. */
	dtmf_rx_parms(rx, 1, -1, -1, -99);
	dtmf_rx(rx, pcm, (int)n);
	n = dtmf_rx_get(rx, digits, (int)sizeof(digits) - 1);
	digits[n] = 0;
	printf("dtmf: %s\n", n ? digits : "-");
	dtmf_rx_free(rx);
	free(pcm);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "gen"))
		return gen(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "detect"))
		return detect(argc, argv);
	return usage();
}

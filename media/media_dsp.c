/*
 * media_dsp.c - small DSP helpers shared by media/ (see media_dsp.h).
 */
#include "media_dsp.h"

int media_power_dbov(const int16_t *pcm, size_t n)
{
	double sum = 0;
	size_t i;
	int db;

	for (i = 0; i < n; i++)
		sum += (double)pcm[i] * pcm[i];
	if (n == 0 || sum < 1.0)
		return -127;
	db = (int)lrint(10.0 * log10(sum / (double)n / (32768.0 * 32768.0)));
	return db < -127 ? -127 : db;
}

# mk/media.mk - media/: RTP/RTCP, RFC 2833 events, jitter buffer (pure C,
# bare-metal core) and the DSP on SpanDSP and bcg729 (hosted); the RTP
# socket pair (libuv) and WAV audio files of the host port.
#
# SpanDSP and bcg729 are linked statically: Debian's libspandsp2 pulls in
# libtiff and its chain (fax support the phone never uses), which the armhf
# sysroot would otherwise have to carry; the archive only contributes the
# G.711, DTMF and tone objects we call.  sysroot.sh does not resolve
# dependencies: the -dev packages carry the headers and the .a files.
DEPS_PKGS  += libspandsp-dev libbcg729-dev valgrind
CROSS_PKGS += libspandsp-dev libbcg729-dev
LDLIBS     += -l:libspandsp.a -l:libbcg729.a -lm

# Files that include SpanDSP/bcg729 or need an OS are not part of the
# bare-metal core; media/rtp.c and media/jbuf.c are.
HOSTED_SRC += media/media_chan.c media/tones.c media/media_dsp.c \
              runtime/transport/rtp_udp.c platform/host/audio_wav.c

# `make bench-media` (also part of `make bench`): DSP cost of one call's
# channel per 20 ms frame, in ns/frame and as a share of real time (plain
# run), and in instructions/frame (callgrind, counting only bench_frames).
# Numbers, never pass/fail.
MEDIA_BENCH_FRAMES ?= 5000
MEDIA_BENCH_DIR := $(BUILD)/bench

.PHONY: bench-media
bench: bench-media

bench-media: $(BUILD)/bin/mediabench
	@echo "== bench-media: ns/frame ($(MEDIA_BENCH_FRAMES) frames per codec)"
	@$(BUILD)/bin/mediabench $(MEDIA_BENCH_FRAMES)
	@echo "== bench-media: instructions/frame (valgrind --tool=callgrind)"
	@mkdir -p $(MEDIA_BENCH_DIR)
	@for codec in pcmu g729; do \
		out=$(MEDIA_BENCH_DIR)/callgrind.media-$$codec.out; \
		valgrind -q --tool=callgrind --toggle-collect=bench_frames \
			--callgrind-out-file=$$out \
			$(BUILD)/bin/mediabench 500 $$codec \
			>$(MEDIA_BENCH_DIR)/media-$$codec.txt || exit 1; \
		frames=$$(sed -n 's/.* frames=\([0-9]*\).*/\1/p' \
			$(MEDIA_BENCH_DIR)/media-$$codec.txt | head -n1); \
		ir=$$(sed -n 's/^\(summary\|totals\): *\([0-9]*\).*/\2/p' $$out | tail -n1); \
		awk -v c="$$codec" -v ir="$$ir" -v f="$$frames" 'BEGIN { \
			printf "codec=%s instructions/frame=%.0f per channel (%s instructions, %s frames x 2 channels)\n", \
				c, ir / (2 * f), ir, f }'; \
	done

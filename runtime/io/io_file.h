/*
 * io_file.h - whole files in and out, the way every store of the phone
 * needs them: bounded reads, atomic writes (DESIGN.md: "flash writes are
 * atomic (write, fsync, rename)").  Hosted only.
 */
#ifndef IO_FILE_H
#define IO_FILE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Read PATH whole, but at most MAX + 1 bytes: a *LEN above MAX tells the
 * caller the file is larger than it accepts (it reports that in its own
 * words).  *DATA is malloc'd with a NUL after the bytes; the caller frees
 * it.  0 or a negative errno (-ENOENT for a missing file).
 */
int io_read_file(const char *path, size_t max, uint8_t **data, size_t *len);

/* Write LEN bytes to PATH atomically: a temporary file beside it,
 * fsync, rename, fsync of the folder.  A crash at any point leaves the
 * old file or the new one.  0 or a negative errno (PATH untouched). */
int io_write_atomic(const char *path, const void *buf, size_t len);

#endif

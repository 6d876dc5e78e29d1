/* Whole-file input and atomic file output for the host tools. */
#include "file_io.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "strbuf.h"

void *read_file_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error(path, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    strbuf_t sb = STRBUF_INIT; /* malloc'ed, so aligned for any type, and NUL-terminated */
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_putn(&sb, buf, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        diag_error(path, 0, "cannot read: %s", strerror(errno ? errno : EIO));
        sb_free(&sb);
        return NULL;
    }
    if (!sb.data)
        sb_put(&sb, "");
    *size = sb.len;
    return sb.data;
}

bool write_file_atomic(const char *path, const void *data, size_t len)
{
    strbuf_t tmp = STRBUF_INIT;
    sb_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(sb_str(&tmp), "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    ok = f && fclose(f) == 0 && ok;
    ok = ok && rename(sb_str(&tmp), path) == 0;
    if (!ok) {
        diag_error(path, 0, "cannot write: %s", strerror(errno));
        unlink(sb_str(&tmp));
    }
    sb_free(&tmp);
    return ok;
}

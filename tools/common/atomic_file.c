/* Atomic file output for the host tools. */
#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "strbuf.h"

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

/* The system as a picture (see svg.h). */
#include "svg.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../common/diag.h"

/* A dot string literal: quotes and backslashes escaped. */
static void quoted(strbuf_t *out, const char *s)
{
    sb_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_putc(out, '\\');
        sb_putc(out, *s);
    }
    sb_putc(out, '"');
}

void sb_dot(strbuf_t *out, const sb_system_t *sys)
{
    sb_put(out, "digraph system {\n  rankdir=LR;\n  node [shape=box, style=rounded, "
                "fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (size_t i = 0; i < sys->npds; i++) {
        const sb_pd_t *pd = &sys->pds[i];
        sb_printf(out, "  pd%zu [label=", i);
        strbuf_t label = STRBUF_INIT;
        sb_printf(&label, "%s\nprio %u%s", pd->name, pd->priority, pd->passive ? ", passive" : "");
        if (pd->cpu)
            sb_printf(&label, ", cpu %u", pd->cpu);
        quoted(out, sb_str(&label));
        sb_free(&label);
        sb_put(out, "];\n");
        if (pd->parent >= 0)
            sb_printf(out, "  pd%ld -> pd%zu [style=bold, label=\"child %u\"];\n", pd->parent, i,
                      pd->child_id);
        for (size_t q = 0; q < pd->nirqs; q++) {
            sb_printf(out,
                      "  irq%zu_%zu [shape=plaintext, label=\"IRQ %llu\"];\n"
                      "  irq%zu_%zu -> pd%zu [style=dashed, label=\"id %u\"];\n",
                      i, q, (unsigned long long)pd->irqs[q].irq, i, q, i, pd->irqs[q].id);
        }
    }
    for (size_t c = 0; c < sys->nchannels; c++) {
        const sb_end_t *a = &sys->channels[c].end[0], *b = &sys->channels[c].end[1];
        /* The arrow points from the caller to the server for PP channels. */
        const sb_end_t *from = b->pp ? b : a, *to = b->pp ? a : b;
        sb_printf(out, "  pd%zu -> pd%zu [dir=%s, label=\"%s%s%s\"];\n", from->pd, to->pd,
                  from->pp ? "forward" : (from->notify && to->notify ? "both" : "forward"),
                  from->pp ? "pp" : "", from->pp && (from->notify || to->notify) ? ", " : "",
                  from->notify || to->notify ? "notify" : "");
    }
    /* A region mapped by several PDs: an edge from the first to each other one. */
    for (size_t m = 0; m < sys->nmrs; m++) {
        long first = -1;
        for (size_t i = 0; i < sys->npds; i++) {
            bool maps = false;
            for (size_t k = 0; k < sys->pds[i].nmaps; k++)
                maps |= sys->pds[i].maps[k].mr == m;
            if (!maps || first == (long)i)
                continue;
            if (first < 0) {
                first = (long)i;
                continue;
            }
            sb_printf(out, "  pd%ld -> pd%zu [dir=none, style=dotted, label=", first, i);
            quoted(out, sys->mrs[m].name);
            sb_put(out, "];\n");
        }
    }
    sb_put(out, "}\n");
}

bool sb_svg(strbuf_t *out, const sb_system_t *sys)
{
    strbuf_t dot = STRBUF_INIT;
    sb_dot(&dot, sys);
    int in[2], res[2];
    if (pipe(in) || pipe(res)) {
        diag_error(sys->path, 0, "cannot run dot: %s", strerror(errno));
        sb_free(&dot);
        return false;
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(res[1], 1);
        close(in[1]);
        close(res[0]);
        execlp("dot", "dot", "-Tsvg", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(res[1]);
    /* Feed dot and read its output together: either side may fill a pipe. */
    signal(SIGPIPE, SIG_IGN);
    size_t sent = 0;
    char buf[4096];
    bool open_in = true;
    for (;;) {
        struct pollfd fds[2] = {{res[0], POLLIN, 0}, {open_in ? in[1] : -1, POLLOUT, 0}};
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            break;
        if (open_in && (fds[1].revents & (POLLOUT | POLLERR))) {
            ssize_t n = write(in[1], dot.data + sent, dot.len - sent);
            sent += n > 0 ? (size_t)n : 0;
            if (n < 0 || sent == dot.len) {
                close(in[1]);
                open_in = false;
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP)) {
            ssize_t n = read(res[0], buf, sizeof buf);
            if (n <= 0)
                break;
            sb_putn(out, buf, (size_t)n);
        }
    }
    if (open_in)
        close(in[1]);
    close(res[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    sb_free(&dot);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !out->len) {
        diag_error(sys->path, 0, "graphviz's dot failed (status %d): is it installed?",
                   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return false;
    }
    return true;
}

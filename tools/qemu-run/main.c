/*
 * sel4c-qemu-run: boots a system in QEMU and decides whether it passed by its console.
 *
 *   sel4c-qemu-run [--timeout SEC] [--pass TEXT]... [--fail TEXT]... [--exit-status N]
 *                  [--log FILE] [[--input-after TEXT] --input BYTES]... -- qemu-system-... ARGS...
 *
 * Passes when every --pass sentinel appeared (in any order) and no --fail sentinel did, or,
 * with --exit-status, when QEMU exits with that status (semihosting). Fails at the first
 * --fail sentinel, when QEMU exits early, or at the timeout. The console is copied to the
 * log (default: stdout). QEMU runs in its own process group, which is killed on every way
 * out, including this program being interrupted.
 *
 * QEMU's standard input (its console with -serial stdio) is empty unless --input is given:
 * then each --input's bytes are typed, in order, once its --input-after text (if any) has
 * appeared on the console after the previous input was typed. BYTES may hold \n, \r, \t,
 * \\ and \xNN escapes (Ctrl-\ is \x1c).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/version.h"
#include "sentinel.h"

#define MAX_SENTINELS    32
#define MAX_INPUTS       16
#define OUTPUT_GATHER_NS 2000000 /* 2 ms: how late a sentinel may be seen */

/* Bytes to type into QEMU's console, and the text to wait for first (none: at once). */
typedef struct input {
    sentinel_t after;
    bool wait;
    char bytes[256];
    size_t len;
} input_t;

/* The bytes of an --input argument with its escapes decoded; false when malformed. */
static bool decode(input_t *in, const char *s)
{
    in->len = 0;
    while (*s) {
        if (in->len == sizeof in->bytes)
            return false;
        char c = *s++;
        if (c == '\\') {
            c = *s++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case '\\': break;
            case 'x': {
                char hex[3] = {s[0], s[0] ? s[1] : 0, 0}, *end;
                c = (char)strtoul(hex, &end, 16);
                if (end != hex + 2)
                    return false;
                s += 2;
                break;
            }
            default: return false;
            }
        }
        in->bytes[in->len++] = c;
    }
    return true;
}

static volatile pid_t qemu_pid;

static void kill_qemu(void)
{
    if (qemu_pid > 0) {
        kill(-qemu_pid, SIGKILL);
        waitpid(qemu_pid, NULL, 0);
        qemu_pid = 0;
    }
}

static void on_signal(int sig)
{
    if (qemu_pid > 0)
        kill(-qemu_pid, SIGKILL);
    signal(sig, SIG_DFL);
    raise(sig);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage_to(FILE *f, int status)
{
    fputs("usage: sel4c-qemu-run [--timeout SEC] [--pass TEXT]... [--fail TEXT]... "
          "[--exit-status N] [--log FILE]\n"
          "                      [[--input-after TEXT] --input BYTES]... -- QEMU ARGS...\n"
          "       sel4c-qemu-run --help | --version\n"
          "Runs QEMU and judges the run by its console: it passes when every --pass text has\n"
          "appeared (or QEMU exited with --exit-status N), fails at the first --fail text,\n"
          "and times out after --timeout seconds (default 60). --input types BYTES (escapes\n"
          "\\n \\r \\t \\\\ \\xNN) into QEMU's console, after --input-after's TEXT appeared.\n",
          f);
    exit(status);
}

static void usage(void)
{
    usage_to(stderr, 2);
}

int main(int argc, char **argv)
{
    sentinel_t pass[MAX_SENTINELS], fail[MAX_SENTINELS];
    unsigned npass = 0, nfail = 0;
    double timeout = 60;
    int want_status = -1;
    const char *log_path = NULL;
    input_t inputs[MAX_INPUTS];
    unsigned ninputs = 0;
    const char *after = NULL;
    static const struct option opts[] = {{"timeout", required_argument, NULL, 't'},
                                         {"pass", required_argument, NULL, 'p'},
                                         {"fail", required_argument, NULL, 'f'},
                                         {"exit-status", required_argument, NULL, 'e'},
                                         {"log", required_argument, NULL, 'l'},
                                         {"help", no_argument, NULL, 'h'},
                                         {"version", no_argument, NULL, 'V'},
                                         {"input", required_argument, NULL, 'i'},
                                         {"input-after", required_argument, NULL, 'a'},
                                         {0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
        switch (opt) {
        case 't': timeout = atof(optarg); break;
        case 'p':
            if (npass == MAX_SENTINELS)
                usage();
            sentinel_init(&pass[npass++], optarg);
            break;
        case 'f':
            if (nfail == MAX_SENTINELS)
                usage();
            sentinel_init(&fail[nfail++], optarg);
            break;
        case 'e': want_status = atoi(optarg); break;
        case 'l': log_path = optarg; break;
        case 'a': after = optarg; break;
        case 'i':
            if (ninputs == MAX_INPUTS || !decode(&inputs[ninputs], optarg)) {
                fprintf(stderr,
                        "sel4c-qemu-run: --input '%s': too long, too many, or a bad "
                        "escape (\\n \\r \\t \\\\ \\xNN)\n",
                        optarg);
                return 2;
            }
            inputs[ninputs].wait = after != NULL;
            if (after)
                sentinel_init(&inputs[ninputs].after, after);
            after = NULL;
            ninputs++;
            break;
        case 'h': usage_to(stdout, 0); break;
        case 'V': print_version(stdout, "sel4c-qemu-run"); return 0;
        default: usage();
        }
    }
    if (optind >= argc || timeout <= 0 || (npass == 0 && want_status < 0))
        usage();
    FILE *log = log_path ? fopen(log_path, "w") : stdout;
    if (!log) {
        fprintf(stderr, "sel4c-qemu-run: %s: %s\n", log_path, strerror(errno));
        return 2;
    }

    int out[2], in[2] = {-1, -1};
    if (ninputs && pipe(in) != 0) {
        perror("sel4c-qemu-run: pipe");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* QEMU gone before its input: seen as its exit */
    if (pipe(out) != 0) {
        perror("sel4c-qemu-run: pipe");
        return 2;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    atexit(kill_qemu);
    pid_t pid = fork();
    if (pid < 0) {
        perror("sel4c-qemu-run: fork");
        return 2;
    }
    if (pid == 0) {
        setpgid(0, 0);
        dup2(out[1], 1);
        dup2(out[1], 2);
        close(out[0]);
        close(out[1]);
        if (ninputs) {
            dup2(in[0], 0);
            close(in[0]);
            close(in[1]);
        } else if (!freopen("/dev/null", "r", stdin)) {
            _exit(127);
        }
        execvp(argv[optind], argv + optind);
        fprintf(stderr, "sel4c-qemu-run: cannot run %s: %s\n", argv[optind], strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);
    qemu_pid = pid;
    close(out[1]);
    if (ninputs)
        close(in[0]);
    unsigned typed = 0; /* inputs typed so far */

    const double deadline = now() + timeout;
    size_t pos = 0;
    unsigned seen = 0;
    const char *verdict = NULL;
    int status = -1;
    while (!verdict) {
        while (typed < ninputs && !inputs[typed].wait) {
            if (write(in[1], inputs[typed].bytes, inputs[typed].len) != (ssize_t)inputs[typed].len)
                typed = ninputs; /* QEMU has exited or stopped reading: its exit decides */
            else
                typed++;
        }
        double left = deadline - now();
        if (left <= 0) {
            verdict = "timed out";
            break;
        }
        struct pollfd p = {out[0], POLLIN, 0};
        int r = poll(&p, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        char buf[4096];
        ssize_t n = r > 0 ? read(out[0], buf, sizeof buf) : 0;
        if (r > 0 && n <= 0) { /* QEMU closed its output: it has exited */
            int ws;
            waitpid(pid, &ws, 0);
            qemu_pid = 0;
            status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
            if (want_status >= 0)
                verdict = status == want_status ? "pass" : "QEMU exited with the wrong status";
            else
                verdict = "QEMU exited before every pass sentinel appeared";
            break;
        }
        for (ssize_t i = 0; i < n && !verdict; i++, pos++) {
            fputc(buf[i], log);
            if (typed < ninputs && inputs[typed].wait)
                inputs[typed].wait = !sentinel_feed(&inputs[typed].after, buf[i], pos);
            for (unsigned k = 0; k < nfail && !verdict; k++)
                if (sentinel_feed(&fail[k], buf[i], pos))
                    verdict = "a fail sentinel appeared";
            for (unsigned k = 0; k < npass && !verdict; k++)
                if (sentinel_feed(&pass[k], buf[i], pos) && ++seen == npass && want_status < 0)
                    verdict = "pass";
        }
        fflush(log);
        /* QEMU writes the console a byte at a time: a short pause lets a busy guest's output
         * gather in the pipe, so that a few reads carry it instead of three system calls a
         * byte, which took a fifth of a core from QEMU on a 2-core host. */
        if (n > 0 && n < (ssize_t)sizeof buf)
            nanosleep(&(struct timespec){0, OUTPUT_GATHER_NS}, NULL);
    }
    kill_qemu();
    if (log != stdout)
        fclose(log);
    else if (pos)
        putchar('\n');
    if (strcmp(verdict, "pass") == 0) {
        printf("sel4c-qemu-run: PASS\n");
        return 0;
    }
    printf("sel4c-qemu-run: FAIL: %s", verdict);
    if (status >= 0)
        printf(" (exit status %d)", status);
    for (unsigned k = 0; k < nfail; k++)
        if (fail[k].seen)
            printf(" [%s]", fail[k].text);
    for (unsigned k = 0; k < npass; k++)
        if (!pass[k].seen)
            printf("; missing \"%s\"", pass[k].text);
    printf("\n");
    return 1;
}

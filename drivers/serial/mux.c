/*
 * The console multiplexer (<sel4c/drivers/serial.h>): per-client line buffers, whole lines
 * into one ring for the UART, and input steered by an escape sequence. Freestanding: no libc
 * beyond what the compiler provides.
 */
#include <stddef.h>

#include <sel4c/drivers/serial.h>

#define COLOUR_LEN 5 /* "\033[3Nm" */
#define RESET      "\033[0m"
#define RESET_LEN  4
#define NOTICE     "[serial] "

static unsigned str_len(const char *s)
{
    unsigned n = 0;
    while (s[n])
        n++;
    return n;
}

static void set_name(sel4c_serial_line_t *l, const char *name)
{
    unsigned i = 0;
    for (; name[i] && i < SEL4C_SERIAL_NAME_MAX; i++)
        l->name[i] = name[i];
    l->name[i] = 0;
}

sel4c_err_t sel4c_serial_mux_init(sel4c_serial_mux_t *mux, const char *const *names, unsigned n,
                                  bool colour)
{
    mux->nclients = 0;
    if (n == 0 || n > SEL4C_SERIAL_MAX_CLIENTS)
        return SEL4C_RANGE_ERROR;
    for (unsigned i = 0; i < n; i++) {
        unsigned len = str_len(names[i]);
        if (len == 0 || len > SEL4C_SERIAL_NAME_MAX)
            return SEL4C_INVALID_ARGUMENT;
        for (unsigned j = 0; j < len; j++)
            if (names[i][j] < 0x21 || names[i][j] > 0x7e)
                return SEL4C_INVALID_ARGUMENT;
    }
    *mux = (sel4c_serial_mux_t){.colour = colour};
    for (unsigned i = 0; i < n; i++)
        set_name(&mux->clients[i], names[i]);
    mux->nclients = n;
    return SEL4C_NO_ERROR;
}

unsigned sel4c_serial_mux_room(const sel4c_serial_mux_t *mux, unsigned i)
{
    if (i >= mux->nclients)
        return 0;
    const sel4c_serial_line_t *l = &mux->clients[i];
    if (l->complete || l->refused)
        return 0;
    /* one byte of the line is kept for its newline */
    return SEL4C_SERIAL_LINE_MAX - 1 - l->len;
}

unsigned sel4c_serial_mux_write(sel4c_serial_mux_t *mux, unsigned i, const char *bytes, unsigned n)
{
    unsigned room = sel4c_serial_mux_room(mux, i);
    if (room == 0)
        return 0;
    sel4c_serial_line_t *l = &mux->clients[i];
    unsigned max = n < room ? n : room, k = 0;
    while (k < max && bytes[k] != '\n')
        k++;
    __builtin_memcpy(&l->text[l->len], bytes, k);
    l->len += k;
    if (k < max) {
        l->complete = true;
        k++; /* the newline: taken, not stored */
    }
    if (l->len == SEL4C_SERIAL_LINE_MAX - 1)
        l->complete = true; /* a long line is split here */
    return k;
}

bool sel4c_serial_mux_putc(sel4c_serial_mux_t *mux, unsigned i, char c)
{
    return sel4c_serial_mux_write(mux, i, &c, 1) == 1;
}

/* Appends text to the multiplexer's own pending line; dropped (and counted) when it does not
 * fit, as a notice must never hold back the clients. */
static void notice(sel4c_serial_mux_t *mux, const char *a, const char *b, const char *c)
{
    sel4c_serial_line_t *l = &mux->notice;
    const char *parts[3] = {a, b, c};
    unsigned need = str_len(a) + str_len(b) + str_len(c) + 1;
    if (l->len + need > SEL4C_SERIAL_LINE_MAX - 1) {
        mux->notices_dropped++;
        return;
    }
    if (l->len)
        l->text[l->len++] = '\n';
    for (unsigned p = 0; p < 3; p++)
        for (const char *s = parts[p]; *s; s++)
            l->text[l->len++] = *s;
    l->complete = true;
}

/* (callers have checked that n fits) */
static void out_put(sel4c_serial_mux_t *mux, const char *s, unsigned n)
{
    unsigned at = (mux->out_head + mux->out_len) % SEL4C_SERIAL_OUT_SIZE;
    unsigned first = SEL4C_SERIAL_OUT_SIZE - at < n ? SEL4C_SERIAL_OUT_SIZE - at : n;
    __builtin_memcpy(&mux->out[at], s, first);
    __builtin_memcpy(mux->out, s + first, n - first);
    mux->out_len += n;
}

/* Moves line l into the ring if all of it fits; returns whether it did. */
static bool emit(sel4c_serial_mux_t *mux, sel4c_serial_line_t *l, unsigned index, bool own)
{
    unsigned name = str_len(l->name);
    bool colour = mux->colour && !own;
    unsigned need = (own ? sizeof NOTICE - 1 : name + 2) + l->len + 1;
    /* a notice may hold several lines; each gets the prefix */
    if (own)
        for (unsigned k = 0; k < l->len; k++)
            need += l->text[k] == '\n' ? sizeof NOTICE - 1 : 0;
    if (colour)
        need += COLOUR_LEN + RESET_LEN;
    if (SEL4C_SERIAL_OUT_SIZE - mux->out_len < need)
        return false;
    if (colour) {
        char c[COLOUR_LEN] = {'\033', '[', '3', (char)('1' + index % 6), 'm'};
        out_put(mux, c, COLOUR_LEN);
    }
    if (own) {
        out_put(mux, NOTICE, sizeof NOTICE - 1);
        for (unsigned k = 0; k < l->len; k++) {
            out_put(mux, &l->text[k], 1);
            if (l->text[k] == '\n')
                out_put(mux, NOTICE, sizeof NOTICE - 1);
        }
    } else {
        out_put(mux, l->name, name);
        out_put(mux, ": ", 2);
        out_put(mux, l->text, l->len);
    }
    if (colour)
        out_put(mux, RESET, RESET_LEN);
    out_put(mux, "\n", 1);
    l->len = 0;
    l->complete = false;
    l->lines++;
    return true;
}

unsigned sel4c_serial_mux_peek(sel4c_serial_mux_t *mux, const char **bytes)
{
    if (mux->notice.complete)
        emit(mux, &mux->notice, 0, true);
    /* one line per client per round, so that no client's lines crowd out the others' */
    for (unsigned k = 0; k < mux->nclients && !mux->notice.complete; k++) {
        unsigned i = (mux->next + k) % mux->nclients;
        sel4c_serial_line_t *l = &mux->clients[i];
        if (!l->complete)
            continue;
        if (!emit(mux, l, i, false))
            break; /* the ring is full: this client's line goes first next time */
        mux->next = (i + 1) % mux->nclients;
    }
    *bytes = &mux->out[mux->out_head];
    unsigned run = SEL4C_SERIAL_OUT_SIZE - mux->out_head;
    return mux->out_len < run ? mux->out_len : run;
}

void sel4c_serial_mux_consume(sel4c_serial_mux_t *mux, unsigned n)
{
    if (n > mux->out_len)
        n = mux->out_len;
    mux->out_head = (mux->out_head + n) % SEL4C_SERIAL_OUT_SIZE;
    mux->out_len -= n;
}

static sel4c_serial_input_t to_client(sel4c_serial_mux_t *mux, char c)
{
    sel4c_serial_line_t *l = &mux->clients[mux->input];
    if (l->refused) {
        l->dropped++;
        return (sel4c_serial_input_t){0};
    }
    return (sel4c_serial_input_t){.deliver = true, .client = mux->input, .byte = c};
}

sel4c_serial_input_t sel4c_serial_mux_input(sel4c_serial_mux_t *mux, char c)
{
    if (!mux->escape) {
        if (c == SEL4C_SERIAL_ESCAPE) {
            mux->escape = true;
            return (sel4c_serial_input_t){0};
        }
        return to_client(mux, c);
    }
    mux->escape = false;
    if (c == SEL4C_SERIAL_ESCAPE)
        return to_client(mux, c);
    if (c >= '0' && c <= '9') {
        unsigned n = (unsigned)(c - '0');
        char digit[2] = {c, 0};
        if (n >= mux->nclients)
            notice(mux, "no client ", digit, "; input unchanged");
        else if (mux->clients[n].refused)
            notice(mux, "client ", mux->clients[n].name, " is refused; input unchanged");
        else {
            mux->input = n;
            notice(mux, "input to ", mux->clients[n].name, "");
        }
    }
    return (sel4c_serial_input_t){0};
}

void sel4c_serial_mux_refuse(sel4c_serial_mux_t *mux, unsigned i, const char *why)
{
    if (i >= mux->nclients || mux->clients[i].refused)
        return;
    sel4c_serial_line_t *l = &mux->clients[i];
    l->refused = true;
    if (l->len)
        l->complete = true; /* what it gave before is sent */
    notice(mux, l->name, " refused: ", why);
}

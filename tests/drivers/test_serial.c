/*
 * The serial driver's logic on the host (drivers/serial): the multiplexer against fake
 * clients and a fake UART that takes a random number of bytes at a time (line buffering,
 * prefixes and colours, no byte lost under back-pressure, long lines split, input switching
 * by the escape sequence, a refused client while the others go on), and the PL011 code
 * against a fake register page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sel4c/drivers/serial.h>

static int failures;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                 \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* The console: everything the fake UART took. */
static char console[1 << 20];
static size_t console_len;

/* The UART takes up to `max` bytes (0: stalled). */
static void drain(sel4c_serial_mux_t *m, unsigned max)
{
    const char *b;
    unsigned n;
    while (max && (n = sel4c_serial_mux_peek(m, &b)) > 0) {
        if (n > max)
            n = max;
        CHECK(console_len + n <= sizeof console);
        memcpy(console + console_len, b, n);
        console_len += n;
        sel4c_serial_mux_consume(m, n);
        max -= n;
    }
}

static void drain_all(sel4c_serial_mux_t *m)
{
    drain(m, ~0u);
}

static void puts_client(sel4c_serial_mux_t *m, unsigned i, const char *s)
{
    for (; *s; s++)
        CHECK(sel4c_serial_mux_putc(m, i, *s));
}

static bool console_is(const char *want)
{
    bool ok = console_len == strlen(want) && memcmp(console, want, console_len) == 0;
    if (!ok)
        printf("console: \"%.*s\"\nwanted:  \"%s\"\n", (int)console_len, console, want);
    console_len = 0;
    return ok;
}

static sel4c_serial_mux_t mux;

static void test_init(void)
{
    const char *names[SEL4C_SERIAL_MAX_CLIENTS + 1] = {"a", "b", "c", "d", "e", "f",
                                                       "g", "h", "i", "j", "k"};
    CHECK(sel4c_serial_mux_init(&mux, names, 0, false) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_serial_mux_init(&mux, names, SEL4C_SERIAL_MAX_CLIENTS + 1, false) ==
          SEL4C_RANGE_ERROR);
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"a", ""}, 2, false) ==
          SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"with space"}, 1, false) ==
          SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"seventeen_chars_x"}, 1, false) ==
          SEL4C_INVALID_ARGUMENT);
    CHECK(mux.nclients == 0 && sel4c_serial_mux_room(&mux, 0) == 0);
    CHECK(sel4c_serial_mux_init(&mux, names, SEL4C_SERIAL_MAX_CLIENTS, false) == SEL4C_NO_ERROR);
    CHECK(sel4c_serial_mux_room(&mux, SEL4C_SERIAL_MAX_CLIENTS) == 0);
    CHECK(!sel4c_serial_mux_putc(&mux, SEL4C_SERIAL_MAX_CLIENTS, 'x'));
}

static void test_lines(void)
{
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"one", "two"}, 2, false) == SEL4C_NO_ERROR);
    puts_client(&mux, 0, "hel");
    puts_client(&mux, 1, "partial");
    drain_all(&mux);
    CHECK(console_is("")); /* no line is complete */
    puts_client(&mux, 0, "lo\n");
    CHECK(sel4c_serial_mux_room(&mux, 0) == 0); /* waits for the console */
    CHECK(!sel4c_serial_mux_putc(&mux, 0, 'x'));
    drain_all(&mux);
    CHECK(console_is("one: hello\n"));
    CHECK(sel4c_serial_mux_room(&mux, 0) == SEL4C_SERIAL_LINE_MAX - 1);
    puts_client(&mux, 1, " line\n");
    puts_client(&mux, 0, "\n"); /* an empty line */
    drain_all(&mux);
    CHECK(console_is("two: partial line\none: \n")); /* round-robin: client 1's turn */

    /* colours: a code per client, reset before the newline */
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"one", "two"}, 2, true) == SEL4C_NO_ERROR);
    puts_client(&mux, 1, "x\n");
    drain_all(&mux);
    CHECK(console_is("\033[32mtwo: x\033[0m\n"));

    /* a long line is split, no byte lost */
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"l"}, 1, false) == SEL4C_NO_ERROR);
    char want[2 * SEL4C_SERIAL_LINE_MAX + 16];
    unsigned total = SEL4C_SERIAL_LINE_MAX + 9, w = 0;
    for (unsigned k = 0; k < total; k++) {
        if (k % (SEL4C_SERIAL_LINE_MAX - 1) == 0) {
            if (k)
                want[w++] = '\n';
            memcpy(want + w, "l: ", 3);
            w += 3;
        }
        char c = (char)('a' + k % 26);
        want[w++] = c;
        if (!sel4c_serial_mux_putc(&mux, 0, c)) {
            drain_all(&mux);
            CHECK(sel4c_serial_mux_putc(&mux, 0, c));
        }
    }
    CHECK(sel4c_serial_mux_putc(&mux, 0, '\n'));
    want[w++] = '\n';
    want[w] = 0;
    drain_all(&mux);
    CHECK(console_is(want));
}

/* Three clients each write LINES numbered lines in random pieces while the UART takes random
 * amounts, sometimes nothing: every line arrives whole, once, in each client's order. */
static void test_interleaving(void)
{
    enum { CLIENTS = 3, LINES = 3000 };
    static const char *const names[CLIENTS] = {"alpha", "beta", "gamma"};
    CHECK(sel4c_serial_mux_init(&mux, names, CLIENTS, false) == SEL4C_NO_ERROR);
    static char text[CLIENTS][LINES * 40];
    size_t len[CLIENTS] = {0}, pos[CLIENTS] = {0};
    for (unsigned c = 0; c < CLIENTS; c++)
        for (unsigned l = 0; l < LINES; l++)
            len[c] += (size_t)sprintf(text[c] + len[c], "%s line %u of %u%.*s\n", names[c], l,
                                      LINES, (int)(l % 17), "................");
    srand(2);
    unsigned stalls = 0, held = 0;
    for (bool busy = true; busy;) {
        busy = false;
        for (unsigned c = 0; c < CLIENTS; c++) {
            unsigned want = (unsigned)rand() % 64;
            while (want-- && pos[c] < len[c]) {
                if (!sel4c_serial_mux_room(&mux, c)) {
                    held++; /* back-pressure: the byte stays with the client */
                    break;
                }
                CHECK(sel4c_serial_mux_putc(&mux, c, text[c][pos[c]++]));
            }
            busy |= pos[c] < len[c];
        }
        unsigned take = rand() % 4 ? (unsigned)rand() % 200 : 0;
        stalls += take == 0;
        drain(&mux, take);
    }
    drain_all(&mux);
    /* parse: "name: name line N of LINES...." */
    unsigned next[CLIENTS] = {0}, lines = 0;
    char *p = console, *end = console + console_len;
    int before = failures;
    while (p < end && failures == before) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        CHECK(nl != NULL);
        if (!nl)
            break;
        *nl = 0;
        char name[32], again[32];
        unsigned n, of, c;
        int used = 0;
        CHECK(sscanf(p, "%31[a-z]: %31s line %u of %u%n", name, again, &n, &of, &used) == 4);
        for (c = 0; c < CLIENTS && strcmp(names[c], name); c++)
            ;
        CHECK(c < CLIENTS && strcmp(again, name) == 0 && of == LINES);
        if (c < CLIENTS) {
            CHECK(n == next[c]);
            next[c] = n + 1;
            CHECK(strlen(p + used) == n % 17);
        }
        lines++;
        p = nl + 1;
    }
    for (unsigned c = 0; c < CLIENTS; c++)
        CHECK(next[c] == LINES);
    CHECK(lines == CLIENTS * LINES && held > 0 && stalls > 0);
    printf("interleaving: %u lines whole and in order; %u times a client was held back\n", lines,
           held);
    console_len = 0;
}

static void test_input(void)
{
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"a", "b", "c"}, 3, false) == SEL4C_NO_ERROR);
    sel4c_serial_input_t in = sel4c_serial_mux_input(&mux, 'x');
    CHECK(in.deliver && in.client == 0 && in.byte == 'x');
    CHECK(!sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE).deliver);
    CHECK(!sel4c_serial_mux_input(&mux, '2').deliver);
    in = sel4c_serial_mux_input(&mux, 'y');
    CHECK(in.deliver && in.client == 2 && in.byte == 'y');
    drain_all(&mux);
    CHECK(console_is("[serial] input to c\n"));
    /* Ctrl-\ twice: one Ctrl-\ for the current client */
    CHECK(!sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE).deliver);
    in = sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE);
    CHECK(in.deliver && in.client == 2 && in.byte == SEL4C_SERIAL_ESCAPE);
    /* Ctrl-\ and something else: both dropped, input unchanged */
    CHECK(!sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE).deliver);
    CHECK(!sel4c_serial_mux_input(&mux, 'q').deliver);
    in = sel4c_serial_mux_input(&mux, 'z');
    CHECK(in.deliver && in.client == 2 && in.byte == 'z');
    /* a client that does not exist */
    CHECK(!sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE).deliver);
    CHECK(!sel4c_serial_mux_input(&mux, '7').deliver);
    CHECK(sel4c_serial_mux_input(&mux, 'w').client == 2);
    /* notices queue up while the UART is stalled: both go out, prefixed */
    CHECK(!sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE).deliver);
    CHECK(!sel4c_serial_mux_input(&mux, '0').deliver);
    drain_all(&mux);
    CHECK(console_is("[serial] no client 7; input unchanged\n[serial] input to a\n"));
    /* many notices while stalled: some dropped and counted, never overflowing */
    for (unsigned k = 0; k < 100; k++) {
        (void)sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE);
        (void)sel4c_serial_mux_input(&mux, '1');
    }
    CHECK(mux.notices_dropped > 0);
    drain_all(&mux);
    CHECK(console_len > 0 && memcmp(console, "[serial] input to b\n", 20) == 0);
    console_len = 0;
    CHECK(sel4c_serial_mux_input(&mux, 'v').client == 1);
}

static void test_refuse(void)
{
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"good", "bad"}, 2, false) == SEL4C_NO_ERROR);
    puts_client(&mux, 1, "half");
    puts_client(&mux, 0, "first\n");
    sel4c_serial_mux_refuse(&mux, 1, "tail more than capacity ahead of head");
    sel4c_serial_mux_refuse(&mux, 1, "again"); /* said once */
    CHECK(sel4c_serial_mux_room(&mux, 1) == 0 && !sel4c_serial_mux_putc(&mux, 1, 'x'));
    drain_all(&mux);
    CHECK(console_is("[serial] bad refused: tail more than capacity ahead of head\n"
                     "good: first\nbad: half\n"));
    CHECK(sel4c_serial_mux_room(&mux, 1) == 0);
    puts_client(&mux, 0, "second\n");
    drain_all(&mux);
    CHECK(console_is("good: second\n"));
    /* input cannot be switched to it */
    (void)sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE);
    (void)sel4c_serial_mux_input(&mux, '1');
    CHECK(sel4c_serial_mux_input(&mux, 'k').client == 0);
    drain_all(&mux);
    CHECK(console_is("[serial] client bad is refused; input unchanged\n"));
    /* refused after input went to it: its input is dropped and counted */
    CHECK(sel4c_serial_mux_init(&mux, (const char *[]){"good", "bad"}, 2, false) == SEL4C_NO_ERROR);
    (void)sel4c_serial_mux_input(&mux, SEL4C_SERIAL_ESCAPE);
    (void)sel4c_serial_mux_input(&mux, '1');
    sel4c_serial_mux_refuse(&mux, 1, "head ahead of tail");
    CHECK(!sel4c_serial_mux_input(&mux, 'k').deliver && mux.clients[1].dropped == 1);
    sel4c_serial_mux_refuse(&mux, 5, "no such client"); /* ignored */
    drain_all(&mux);
    console_len = 0;
}

/* The driver's side of real queues (drivers/serial/driver.c with lib/queue): clients write
 * and read through their own handles on shared regions, as a client PD would. */
static _Alignas(64) char regions[3][SEL4C_SERIAL_REGION_SIZE];
static sel4c_serial_driver_t drv;

static sel4c_serial_queue_t *queue_of(unsigned i, unsigned off)
{
    return (sel4c_serial_queue_t *)(regions[i] + off);
}

static void drain_driver(void)
{
    drain_all(&drv.mux);
}

static void test_driver(void)
{
    memset(regions, 0, sizeof regions);
    sel4c_serial_config_t cfg = {.nclients = 3, .names = {"c0", "c1", "c2"}};
    char *r[3] = {regions[0], NULL, regions[2]};
    CHECK(sel4c_serial_driver_init(&drv, &cfg, r) == SEL4C_INVALID_ARGUMENT);
    r[1] = regions[1] + 1; /* misaligned */
    CHECK(sel4c_serial_driver_init(&drv, &cfg, r) == SEL4C_INVALID_ARGUMENT);
    r[1] = regions[1];
    cfg.names[1] = "bad name";
    CHECK(sel4c_serial_driver_init(&drv, &cfg, r) == SEL4C_INVALID_ARGUMENT);
    cfg.names[1] = "c1";
    CHECK(sel4c_serial_driver_init(&drv, &cfg, r) == SEL4C_NO_ERROR);

    sel4c_serial_producer_t tx[3];
    sel4c_serial_consumer_t rx[3];
    for (unsigned i = 0; i < 3; i++) {
        CHECK(sel4c_serial_producer_init(&tx[i], queue_of(i, SEL4C_SERIAL_REGION_TX_QUEUE),
                                         regions[i] + SEL4C_SERIAL_REGION_TX_DATA,
                                         SEL4C_SERIAL_REGION_CAPACITY) == 0);
        CHECK(sel4c_serial_consumer_init(&rx[i], queue_of(i, SEL4C_SERIAL_REGION_RX_QUEUE),
                                         regions[i] + SEL4C_SERIAL_REGION_RX_DATA,
                                         SEL4C_SERIAL_REGION_CAPACITY) == 0);
    }
    uint32_t done;
    /* a line is taken whole; what follows its newline stays queued until it went out */
    CHECK(sel4c_serial_enqueue_batch(&tx[0], "a1\na2\n", 6, &done) == 0 && done == 6);
    CHECK(sel4c_serial_enqueue_batch(&tx[1], "b1\n", 3, &done) == 0 && done == 3);
    /* a fresh queue's producer_signalled is 0 (sDDF's "tell me"): the first take notifies */
    CHECK(sel4c_serial_driver_pull(&drv) == (1u << 0 | 1u << 1));
    uint32_t len = 0;
    CHECK(sel4c_serial_producer_length(&tx[0], &len) == 0 && len == 3);
    drain_driver();
    CHECK(sel4c_serial_driver_pull(&drv) == 0); /* nobody waits for room now */
    drain_driver();
    CHECK(console_is("c0: a1\nc1: b1\nc0: a2\n"));

    /* a full queue and a producer waiting for room: notified when the driver takes some */
    char big[SEL4C_SERIAL_REGION_CAPACITY];
    for (unsigned k = 0; k < sizeof big; k++)
        big[k] = k % 50 == 49 ? '\n' : 'x';
    CHECK(sel4c_serial_enqueue_batch(&tx[0], big, sizeof big, &done) == 0 && done == sizeof big);
    CHECK(sel4c_serial_full(&tx[0]) && sel4c_serial_producer_prepare_wait(&tx[0]));
    CHECK(sel4c_serial_driver_pull(&drv) == 1u << 0);
    CHECK(!sel4c_serial_full(&tx[0]));
    for (unsigned k = 0; k < 200; k++) { /* the rest goes out, nothing more to say */
        drain_driver();
        CHECK(sel4c_serial_driver_pull(&drv) == 0);
    }
    CHECK(sel4c_serial_producer_length(&tx[0], &len) == 0 && len == 0);
    size_t lines = 0;
    for (size_t k = 0; k < console_len; k++)
        lines += console[k] == '\n';
    /* every whole line out; the last 46 bytes wait in the line buffer for their newline */
    CHECK(lines == sizeof big / 50 && console_len == lines * 4 + sizeof big - sizeof big % 50);
    console_len = 0;

    /* a corrupt tail: refused, and its queue is never read again; the others go on */
    CHECK(sel4c_serial_enqueue_batch(&tx[2], "part", 4, &done) == 0);
    queue_of(2, SEL4C_SERIAL_REGION_TX_QUEUE)->tail += 2 * SEL4C_SERIAL_REGION_CAPACITY;
    CHECK(sel4c_serial_enqueue_batch(&tx[1], "ok\n", 3, &done) == 0);
    (void)sel4c_serial_driver_pull(&drv);
    drain_driver();
    CHECK(console_len > 0 && strstr(console, "[serial] c2 refused: ") == console);
    CHECK(strstr(console, "c1: ok\n") != NULL);
    console_len = 0;
    queue_of(2, SEL4C_SERIAL_REGION_TX_QUEUE)->tail -= 2 * SEL4C_SERIAL_REGION_CAPACITY;
    CHECK(sel4c_serial_enqueue_batch(&tx[2], "\n", 1, &done) == 0 && done == 1);
    (void)sel4c_serial_driver_pull(&drv);
    drain_driver();
    CHECK(console_is(""));
    CHECK(queue_of(2, SEL4C_SERIAL_REGION_TX_QUEUE)->head == 0); /* untouched */

    /* input: to client 0, then to client 1 after Ctrl-\ 1; a full RX queue drops and counts */
    CHECK(sel4c_serial_driver_input(&drv, "hi", 2) == 1u << 0);
    char got[8];
    CHECK(sel4c_serial_dequeue_batch(&rx[0], got, sizeof got, &done) == 0 && done == 2 &&
          memcmp(got, "hi", 2) == 0);
    CHECK(sel4c_serial_driver_input(&drv,
                                    "\x1c"
                                    "1x",
                                    3) == 1u << 1);
    CHECK(sel4c_serial_dequeue(&rx[1], got) == 0 && got[0] == 'x');
    for (unsigned k = 0; k < SEL4C_SERIAL_REGION_CAPACITY; k++)
        CHECK(sel4c_serial_driver_input(&drv, "y", 1) == 1u << 1);
    CHECK(sel4c_serial_driver_input(&drv, "zz", 2) == 0 && drv.input_dropped[1] == 2);
    /* a corrupt RX head (ahead of the tail): refused when input comes */
    queue_of(1, SEL4C_SERIAL_REGION_RX_QUEUE)->head += 3 * SEL4C_SERIAL_REGION_CAPACITY;
    CHECK(sel4c_serial_driver_input(&drv, "w", 1) == 0 && drv.mux.clients[1].refused);
    CHECK(sel4c_serial_driver_input(&drv, "w", 1) == 0 && drv.mux.clients[1].dropped == 1);
    drain_driver();
    CHECK(strstr(console, "[serial] input to c1\n[serial] c1 refused: ") == console);
    console_len = 0;
}

/* The PL011 against a register page that does not change by itself. */
static void test_pl011(void)
{
    static uint32_t regs[1024];
    static const uint32_t ids[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    uintptr_t base = (uintptr_t)regs;
    CHECK(sel4c_pl011_init(base) == SEL4C_INVALID_ARGUMENT); /* all zeroes */
    for (unsigned i = 0; i < 8; i++)
        regs[0xfe0 / 4 + i] = ids[i];
    regs[0xfe0 / 4] = 0x31; /* a PL031 */
    CHECK(sel4c_pl011_init(base) == SEL4C_INVALID_ARGUMENT);
    CHECK(regs[0x30 / 4] == 0); /* left alone */
    regs[0xfe0 / 4] = 0x11;
    regs[0x2c / 4] = 0x60; /* 8 bits, as the kernel's console left it */
    CHECK(sel4c_pl011_init(base) == SEL4C_NO_ERROR);
    CHECK(regs[0x2c / 4] == 0x70);                /* FIFOs on, line settings kept */
    CHECK((regs[0x30 / 4] & 0x301) == 0x301);     /* enabled, transmit and receive */
    CHECK(regs[0x38 / 4] == (1u << 4 | 1u << 6)); /* receive and receive-timeout interrupts */
    sel4c_pl011_tx_interrupt(base, true);
    CHECK(regs[0x38 / 4] & 1u << 5);
    sel4c_pl011_tx_interrupt(base, false);
    CHECK(!(regs[0x38 / 4] & 1u << 5) && regs[0x38 / 4] & 1u << 4);
    regs[0x18 / 4] = 1u << 5 | 1u << 4; /* transmit FIFO full, receive FIFO empty */
    char buf[8];
    CHECK(sel4c_pl011_write(base, "abc", 3) == 0);
    CHECK(sel4c_pl011_read(base, buf, sizeof buf) == 0);
    regs[0x18 / 4] = 0; /* room, and a byte that is always there */
    CHECK(sel4c_pl011_write(base, "abc", 3) == 3 && regs[0] == 'c');
    regs[0x18 / 4] = 1u << 7; /* an empty FIFO: more than a burst goes, all of it */
    CHECK(sel4c_pl011_write(base, "0123456789abcdefghij", 20) == 20 && regs[0] == 'j');
    regs[0x18 / 4] = 1u << 7 | 1u << 5; /* full wins over empty (never both on hardware) */
    CHECK(sel4c_pl011_write(base, "abc", 3) == 0);
    regs[0] = 'q';
    CHECK(sel4c_pl011_read(base, buf, sizeof buf) == sizeof buf && buf[7] == 'q');
    regs[0] = 'q' | 1u << 9; /* a parity error: skipped, and the read still ends */
    CHECK(sel4c_pl011_read(base, buf, sizeof buf) == 0);
    sel4c_pl011_ack(base);
    CHECK(regs[0x44 / 4] == (1u << 4 | 1u << 5 | 1u << 6));
}

int main(void)
{
    test_init();
    test_lines();
    test_interleaving();
    test_input();
    test_refuse();
    test_driver();
    test_pl011();
    if (failures) {
        printf("%d checks failed\n", failures);
        return 1;
    }
    printf("serial: all checks passed\n");
    return 0;
}

/*
 * The serial driver's client (drivers/serial/client.c) against the driver's side of the same
 * shared region (drivers/serial/driver.c) on the host: lines arrive whole and prefixed; long
 * lines go in pieces; with the queue full whole lines are dropped, counted, and announced
 * before the next line that fits; a corrupt queue stops output with the reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sel4c/serial_client.h>

static int failures;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                 \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static _Alignas(64) char region[SEL4C_SERIAL_REGION_SIZE];
static sel4c_serial_driver_t drv;
static sel4c_serial_client_t client;
static char console[1 << 16];
static size_t console_len;
static unsigned notifies;

/* The driver takes what the client queued, and the UART everything. */
static void driver_run(void)
{
    const char *b;
    unsigned n;
    for (unsigned round = 0; round < 1000; round++) {
        sel4c_serial_driver_pull(&drv);
        if ((n = sel4c_serial_mux_peek(&drv.mux, &b)) == 0)
            return;
        CHECK(console_len + n < sizeof console);
        memcpy(console + console_len, b, n);
        console_len += n;
        sel4c_serial_mux_consume(&drv.mux, n);
    }
}

static void say(const char *s)
{
    for (; *s; s++)
        notifies += sel4c_serial_client_putc(&client, *s);
}

static void setup(void)
{
    memset(region, 0, sizeof region);
    sel4c_serial_config_t cfg = {.nclients = 1, .names = {"srv"}};
    char *r[1] = {region};
    CHECK(sel4c_serial_driver_init(&drv, &cfg, r) == SEL4C_NO_ERROR);
    CHECK(sel4c_serial_client_init(&client, region) == SEL4C_NO_ERROR);
    console_len = 0;
    notifies = 0;
}

static void test_lines(void)
{
    setup();
    CHECK(sel4c_serial_client_init(&client, NULL) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_serial_client_init(&client, region + 2) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_serial_client_init(&client, region) == SEL4C_NO_ERROR);
    say("hello");
    CHECK(notifies == 0); /* nothing enqueued before the line is complete */
    say(" world\nsecond\n");
    CHECK(notifies == 2);
    driver_run();
    CHECK(console_len == strlen("srv: hello world\r\nsrv: second\r\n") ||
          console_len == strlen("srv: hello world\nsrv: second\n"));
    CHECK(strstr(console, "srv: hello world") != NULL && strstr(console, "srv: second") != NULL);

    /* A line longer than the driver's goes in pieces, none lost. */
    setup();
    char long_line[600];
    memset(long_line, 'x', sizeof long_line - 2);
    long_line[sizeof long_line - 2] = '\n';
    long_line[sizeof long_line - 1] = 0;
    say(long_line);
    driver_run();
    size_t xs = 0;
    for (size_t i = 0; i < console_len; i++)
        xs += console[i] == 'x';
    CHECK(xs == sizeof long_line - 2);
    CHECK(client.lost == 0);
}

static void test_full(void)
{
    setup();
    /* Without the driver running, the queue (4 KiB) fills: lines of 100 bytes. */
    char line[101];
    memset(line, 'y', 99);
    line[99] = '\n';
    line[100] = 0;
    unsigned sent = 0;
    for (unsigned i = 0; i < 60; i++) {
        unsigned before = notifies;
        say(line);
        sent += notifies != before;
    }
    CHECK(sent == SEL4C_SERIAL_REGION_CAPACITY / 100);
    CHECK(client.dropped == 60 - sent && client.lost == 60 - sent);
    driver_run();
    say("after\n");
    CHECK(client.dropped == 0);
    driver_run();
    console[console_len] = 0;
    char notice[64];
    snprintf(notice, sizeof notice, "srv: [serial: %u lines dropped]", 60 - sent);
    char *at = strstr(console, notice);
    CHECK(at != NULL);
    CHECK(at != NULL && strstr(at, "srv: after") != NULL);
}

static void test_corrupt(void)
{
    setup();
    say("one\n");
    CHECK(sel4c_serial_client_broken(&client) == NULL);
    ((sel4c_serial_queue_t *)(region + SEL4C_SERIAL_REGION_TX_QUEUE))->head = 0x80000000u;
    say("two\n");
    CHECK(sel4c_serial_client_broken(&client) != NULL);
    unsigned before = notifies;
    say("three\n");
    CHECK(notifies == before);
    CHECK(client.lost == 2);
}

int main(void)
{
    test_lines();
    test_full();
    test_corrupt();
    if (failures) {
        printf("%d checks failed\n", failures);
        return 1;
    }
    printf("serial client: all checks passed\n");
    return 0;
}

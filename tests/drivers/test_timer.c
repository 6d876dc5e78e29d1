/*
 * The timer service's bookkeeping (drivers/timer/service.c) on the host: configuration
 * checks, each client's timeouts expiring once and in deadline order whatever the order they
 * were set in, the per-client bound, every kind of refused request and its counter, the
 * earliest deadline across clients, and saturation at the end of time.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sel4c/drivers/timer.h>
#include <sel4c/protocol/timer.h>

static int failures;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                 \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static sel4c_timer_reply_t req(sel4c_timer_service_t *s, unsigned ch, uint64_t label,
                               unsigned count, uint64_t mr0, uint64_t now)
{
    sel4c_timer_request_t r = {.channel = ch, .label = label, .count = count, .mr0 = mr0};
    return sel4c_timer_handle(s, &r, now);
}

static void test_config(void)
{
    static sel4c_timer_service_t s;
    unsigned many[SEL4C_TIMER_MAX_CLIENTS + 1];
    for (unsigned i = 0; i <= SEL4C_TIMER_MAX_CLIENTS; i++)
        many[i] = i;
    CHECK(sel4c_timer_service_init(&s, many, SEL4C_TIMER_MAX_CLIENTS + 1) == SEL4C_RANGE_ERROR);
    CHECK(s.nclients == 0);
    CHECK(sel4c_timer_service_init(&s, (unsigned[]){1, 62}, 2) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_timer_service_init(&s, (unsigned[]){1, 4, 1}, 3) == SEL4C_INVALID_ARGUMENT);
    CHECK(s.nclients == 0);
    CHECK(sel4c_timer_service_init(&s, many, SEL4C_TIMER_MAX_CLIENTS) == SEL4C_NO_ERROR);
    CHECK(s.nclients == SEL4C_TIMER_MAX_CLIENTS);
    CHECK(sel4c_timer_service_init(&s, (unsigned[]){61}, 1) == SEL4C_NO_ERROR);
}

static void test_refusals(void)
{
    static sel4c_timer_service_t s;
    CHECK(sel4c_timer_service_init(&s, (unsigned[]){1, 2}, 2) == SEL4C_NO_ERROR);
    sel4c_timer_reply_t r = req(&s, 1, SEL4C_TIMER_GET_TIME, 0, 0, 12345);
    CHECK(r.label == 0 && r.count == 1 && r.mr0 == 12345 && r.refusal == SEL4C_TIMER_OK);
    /* not a client: counted apart, no client touched */
    r = req(&s, 3, SEL4C_TIMER_SET_TIMEOUT, 1, 10, 0);
    CHECK(r.label == SEL4C_TIMER_ERROR && r.refusal == SEL4C_TIMER_NOT_A_CLIENT && r.refused == 1);
    r = req(&s, 63, SEL4C_TIMER_GET_TIME, 0, 0, 0);
    CHECK(r.refusal == SEL4C_TIMER_NOT_A_CLIENT && s.refused_not_client == 2);
    /* a bad label and a missing argument, counted per client */
    r = req(&s, 2, 7, 0, 0, 0);
    CHECK(r.label == SEL4C_TIMER_ERROR && r.refusal == SEL4C_TIMER_BAD_LABEL && r.refused == 1);
    r = req(&s, 2, (uint64_t)-1, 0, 0, 0);
    CHECK(r.refusal == SEL4C_TIMER_BAD_LABEL && r.refused == 2);
    r = req(&s, 2, SEL4C_TIMER_SET_TIMEOUT, 0, 5, 0);
    CHECK(r.refusal == SEL4C_TIMER_MISSING_ARGUMENT && r.refused == 3);
    CHECK(sel4c_timer_client(&s, 2)->refused == 3 && sel4c_timer_client(&s, 1)->refused == 0);
    CHECK(sel4c_timer_client(&s, 2)->last_refusal == SEL4C_TIMER_MISSING_ARGUMENT);
    CHECK(sel4c_timer_client(&s, 2)->count == 0 && sel4c_timer_client(&s, 3) == NULL);
    uint64_t d;
    CHECK(!sel4c_timer_next_deadline(&s, &d));
    /* the bound: SEL4C_TIMER_MAX_TIMEOUTS accepted, one more refused, the other client not
     * affected */
    for (unsigned i = 0; i < SEL4C_TIMER_MAX_TIMEOUTS; i++)
        CHECK(req(&s, 2, SEL4C_TIMER_SET_TIMEOUT, 1, 1000 + i, 0).label == 0);
    r = req(&s, 2, SEL4C_TIMER_SET_TIMEOUT, 1, 1, 0);
    CHECK(r.refusal == SEL4C_TIMER_TOO_MANY && r.refused == 4);
    CHECK(req(&s, 1, SEL4C_TIMER_SET_TIMEOUT, 1, 500, 0).label == 0);
    CHECK(sel4c_timer_next_deadline(&s, &d) && d == 500);
    CHECK(sel4c_timer_expire(&s, 499) == 0);
    CHECK(sel4c_timer_expire(&s, 500) == 1u << 1);
    CHECK(sel4c_timer_next_deadline(&s, &d) && d == 1000);
    CHECK(sel4c_timer_expire(&s, 1000 + SEL4C_TIMER_MAX_TIMEOUTS) == 1u << 2);
    CHECK(sel4c_timer_client(&s, 2)->fired == SEL4C_TIMER_MAX_TIMEOUTS);
    CHECK(!sel4c_timer_next_deadline(&s, &d));
    /* room again after expiry */
    CHECK(req(&s, 2, SEL4C_TIMER_SET_TIMEOUT, 1, 1, 5000).label == 0);
    for (unsigned i = 0; i < 11; i++)
        CHECK(sel4c_timer_refusal_str((sel4c_timer_refusal_t)i) != NULL);
}

static void test_saturation(void)
{
    static sel4c_timer_service_t s;
    CHECK(sel4c_timer_service_init(&s, (unsigned[]){0}, 1) == SEL4C_NO_ERROR);
    CHECK(req(&s, 0, SEL4C_TIMER_SET_TIMEOUT, 1, UINT64_MAX - 5, 100).label == 0);
    uint64_t d = 0;
    CHECK(sel4c_timer_next_deadline(&s, &d) && d == UINT64_MAX);
    CHECK(sel4c_timer_expire(&s, UINT64_MAX - 1) == 0);
    CHECK(sel4c_timer_expire(&s, UINT64_MAX) == 1);
}

/* Random deadlines from several clients: each expires exactly once, never before its
 * deadline, and the service's next deadline is always the earliest outstanding one. */
static void test_random(void)
{
    enum { CLIENTS = 5, ROUNDS = 20000 };
    static sel4c_timer_service_t s;
    static const unsigned channels[CLIENTS] = {1, 7, 9, 30, 61};
    CHECK(sel4c_timer_service_init(&s, channels, CLIENTS) == SEL4C_NO_ERROR);
    static uint64_t model[CLIENTS][SEL4C_TIMER_MAX_TIMEOUTS];
    unsigned nmodel[CLIENTS] = {0};
    uint64_t now = 0, set = 0, expired = 0;
    srand(1);
    for (unsigned round = 0; round < ROUNDS && !failures; round++) {
        unsigned c = (unsigned)rand() % CLIENTS;
        if (rand() % 3) {
            uint64_t t = (uint64_t)(rand() % 5000);
            sel4c_timer_reply_t r = req(&s, channels[c], SEL4C_TIMER_SET_TIMEOUT, 1, t, now);
            if (nmodel[c] == SEL4C_TIMER_MAX_TIMEOUTS) {
                CHECK(r.refusal == SEL4C_TIMER_TOO_MANY);
            } else {
                CHECK(r.label == 0);
                model[c][nmodel[c]++] = now + t;
                set++;
            }
        }
        /* the earliest of the model's deadlines */
        uint64_t want = UINT64_MAX, got;
        bool any = false;
        for (unsigned i = 0; i < CLIENTS; i++)
            for (unsigned j = 0; j < nmodel[i]; j++)
                if (model[i][j] <= want) {
                    want = model[i][j];
                    any = true;
                }
        CHECK(sel4c_timer_next_deadline(&s, &got) == any);
        CHECK(!any || got == want);
        now += (uint64_t)(rand() % 200);
        uint64_t mask = sel4c_timer_expire(&s, now), expect = 0;
        for (unsigned i = 0; i < CLIENTS; i++) {
            unsigned keep = 0;
            for (unsigned j = 0; j < nmodel[i]; j++) {
                if (model[i][j] <= now) {
                    expect |= UINT64_C(1) << channels[i];
                    expired++;
                } else {
                    model[i][keep++] = model[i][j];
                }
            }
            nmodel[i] = keep;
            CHECK(sel4c_timer_client(&s, channels[i])->count == keep);
        }
        CHECK(mask == expect);
    }
    uint64_t fired = 0;
    for (unsigned i = 0; i < CLIENTS; i++)
        fired += sel4c_timer_client(&s, channels[i])->fired;
    CHECK(fired == expired && set > ROUNDS / 2);
    printf("random: %llu timeouts set, %llu expired, each once and never early\n",
           (unsigned long long)set, (unsigned long long)fired);
}

int main(void)
{
    test_config();
    test_refusals();
    test_saturation();
    test_random();
    if (failures) {
        printf("%d checks failed\n", failures);
        return 1;
    }
    printf("timer service: all checks passed\n");
    return 0;
}

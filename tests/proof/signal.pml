/*
 * The signalling protocol of a single-producer single-consumer queue in shared memory
 * (docs/shmem.md), for Spin.
 *
 * Shared memory holds `tail` (written by the producer) and `flag`, sDDF's
 * `consumer_signalled`: 0 while the consumer asks to be notified, 1 otherwise (both sides
 * write it). `ntfn` is the seL4 notification: a binary semaphore (signal sets it; wait blocks
 * until it is set, then clears it).
 *
 * Spin runs processes in sequentially consistent interleavings, so weak memory is modelled
 * explicitly: each process has a store buffer with one slot per variable. A store goes into
 * the slot (overwriting a value still pending there, which a reader could have missed
 * anyway); a flusher process moves each pending value to memory at any later moment, in any
 * order across variables; a load reads the process's own pending value first (forwarding),
 * else memory. A release store first drains the buffer (everything before it becomes visible
 * first); a full fence drains it; a system call (signal, wait) drains it too, as seL4's
 * kernel entry takes and releases its lock. Loads are performed in program order (the loads
 * here are acquire loads or are separated by fences).
 *
 * Lines marked @recheck, @cfence and @pfence are removed by tests/proof/signal-spin.sh to make
 * the mutants that must fail: no recheck, no consumer fence, no producer fence. Compiled with
 * -DSC (no store buffers) the fence mutants pass: the store buffers are what the fences are
 * for.
 */
#ifndef ITEMS
#define ITEMS 8
#endif

byte tail = 0;
bit flag = 1;
bit ntfn = 0;

/* store buffers: <process>_<variable>_{pend,val} */
bit p_tail_pend = 0, p_flag_pend = 0, c_tail_pend = 0, c_flag_pend = 0;
byte p_tail_val, p_flag_val, c_tail_val, c_flag_val;

byte consumed = 0;
bit asleep = 0; /* the consumer is inside its wait */

#ifdef SC /* no store buffers: every store reaches memory at once (for comparison only) */
#define STORE(who, var, v) var = v
#else
#define STORE(who, var, v) atomic { who##_##var##_pend = 1; who##_##var##_val = v }
#endif
#define DRAIN(who)                                                                             \
    atomic {                                                                                   \
        if :: who##_tail_pend -> tail = who##_tail_val; who##_tail_pend = 0 :: else fi;         \
        if :: who##_flag_pend -> flag = who##_flag_val; who##_flag_pend = 0 :: else fi          \
    }
#define STORE_RELEASE(who, var, v) atomic { DRAIN(who); STORE(who, var, v) }
#define FENCE(who) DRAIN(who)
#define LOAD(who, x, var)                                                                      \
    atomic { if :: who##_##var##_pend -> x = who##_##var##_val :: else -> x = var fi }
#define SIGNAL(who) atomic { DRAIN(who); ntfn = 1 }

active proctype producer()
{
    byte t = 0;
    bit f;
    do
    :: t == ITEMS -> break
    :: else ->
        if
        :: t + 1 < ITEMS -> t = t + 2   /* publish two entries at once */
        :: t++
        fi;
        STORE_RELEASE(p, tail, t);      /* publish */
        FENCE(p);                       /* @pfence */
        LOAD(p, f, flag);
        if
        :: f == 0 -> STORE(p, flag, 1); SIGNAL(p)
        :: else -> skip
        fi
    od
}

active proctype consumer()
{
    byte h = 0, t;
    do
    :: h == ITEMS -> break
    :: else ->
        LOAD(c, t, tail);
        if
        :: t != h -> h++; consumed++    /* consume an entry */
        :: else ->
            STORE(c, flag, 0);          /* ask to be notified */
            FENCE(c);                   /* @cfence */
            LOAD(c, t, tail);           /* @recheck */
            if
            :: t != h -> STORE(c, flag, 1)      /* an entry came: cancel and consume */
            :: else ->
                atomic { DRAIN(c); asleep = 1 };
                atomic { ntfn == 1 -> ntfn = 0; asleep = 0 }
            fi
        fi
    od
}

/* Store buffers drain at any moment. */
active proctype flush_p()
{
end:
    do
    :: atomic { p_tail_pend -> tail = p_tail_val; p_tail_pend = 0 }
    :: atomic { p_flag_pend -> flag = p_flag_val; p_flag_pend = 0 }
    od
}

active proctype flush_c()
{
end:
    do
    :: atomic { c_flag_pend -> flag = c_flag_val; c_flag_pend = 0 }
    od
}

/* When nothing else can move: a consumer asleep with an entry in the queue is a lost
 * wake-up; anything else short of every entry consumed is a deadlock. */
active proctype watchdog()
{
    timeout ->
    assert(!(asleep && tail != consumed));      /* no lost wake-up */
    assert(consumed == ITEMS)                   /* no deadlock */
}

/*
 * The signalling protocol of tests/proof/signal.pml in both directions: a queue of CAP
 * entries where the consumer sleeps when it is empty and the producer sleeps when it is full
 * (sDDF's consumer_signalled and producer_signalled flags, 0 while that side asks to be
 * notified), each side waking the other through its own notification. The memory model is
 * signal.pml's: a store buffer per process with a slot per variable, flushed at any moment;
 * release stores, fences and system calls drain it; loads read the own buffer first.
 *
 * The line marked @precheck is removed by tests/proof/signal-spin.sh to make a mutant that
 * must fail: a producer that does not recheck for space after asking to be notified.
 */
#ifndef ITEMS
#define ITEMS 6
#endif
#ifndef CAP
#define CAP 2
#endif

byte tail = 0, head = 0;
bit cflag = 1, pflag = 1;  /* consumer_signalled, producer_signalled */
bit ntfn_c = 0, ntfn_p = 0; /* the consumer's and the producer's notifications */

/* store buffers: <process>_<variable>_{pend,val} */
bit p_tail_pend, p_head_pend, p_cflag_pend, p_pflag_pend;
bit c_tail_pend, c_head_pend, c_cflag_pend, c_pflag_pend;
byte p_tail_val, p_head_val, p_cflag_val, p_pflag_val;
byte c_tail_val, c_head_val, c_cflag_val, c_pflag_val;

byte produced = 0, consumed = 0;
bit c_asleep = 0, p_asleep = 0;

#define STORE(who, var, v) atomic { who##_##var##_pend = 1; who##_##var##_val = v }
#define FLUSH1(who, var) if :: who##_##var##_pend -> var = who##_##var##_val; who##_##var##_pend = 0 :: else fi
#define DRAIN(who) atomic { FLUSH1(who, tail); FLUSH1(who, head); FLUSH1(who, cflag); FLUSH1(who, pflag) }
#define STORE_RELEASE(who, var, v) atomic { DRAIN(who); STORE(who, var, v) }
#define FENCE(who) DRAIN(who)
#define LOAD(who, x, var) atomic { if :: who##_##var##_pend -> x = who##_##var##_val :: else -> x = var fi }
#define SIGNAL(who, n) atomic { DRAIN(who); n = 1 }

active proctype producer()
{
    byte t = 0, h;
    bit f;
    do
    :: t == ITEMS -> break
    :: else ->
        LOAD(p, h, head);
        if
        :: t - h < CAP ->
            t++;
            produced = t;
            STORE_RELEASE(p, tail, t);
            FENCE(p);
            LOAD(p, f, cflag);
            if
            :: f == 0 -> STORE(p, cflag, 1); SIGNAL(p, ntfn_c)
            :: else -> skip
            fi
        :: else ->                          /* full: ask for space */
            STORE(p, pflag, 0);
            FENCE(p);
            LOAD(p, h, head);               /* @precheck */
            if
            :: t - h < CAP -> STORE(p, pflag, 1)
            :: else ->
                atomic { DRAIN(p); p_asleep = 1 };
                atomic { ntfn_p == 1 -> ntfn_p = 0; p_asleep = 0 }
            fi
        fi
    od
}

active proctype consumer()
{
    byte h = 0, t;
    bit f;
    do
    :: h == ITEMS -> break
    :: else ->
        LOAD(c, t, tail);
        if
        :: t != h ->
            h++;
            consumed++;
            STORE_RELEASE(c, head, h);      /* free the entry */
            FENCE(c);
            LOAD(c, f, pflag);
            if
            :: f == 0 -> STORE(c, pflag, 1); SIGNAL(c, ntfn_p)
            :: else -> skip
            fi
        :: else ->                          /* empty: ask for entries */
            STORE(c, cflag, 0);
            FENCE(c);
            LOAD(c, t, tail);
            if
            :: t != h -> STORE(c, cflag, 1)
            :: else ->
                atomic { DRAIN(c); c_asleep = 1 };
                atomic { ntfn_c == 1 -> ntfn_c = 0; c_asleep = 0 }
            fi
        fi
    od
}

active proctype flush_p()
{
end:
    do
    :: atomic { p_tail_pend -> tail = p_tail_val; p_tail_pend = 0 }
    :: atomic { p_cflag_pend -> cflag = p_cflag_val; p_cflag_pend = 0 }
    :: atomic { p_pflag_pend -> pflag = p_pflag_val; p_pflag_pend = 0 }
    od
}

active proctype flush_c()
{
end:
    do
    :: atomic { c_head_pend -> head = c_head_val; c_head_pend = 0 }
    :: atomic { c_cflag_pend -> cflag = c_cflag_val; c_cflag_pend = 0 }
    :: atomic { c_pflag_pend -> pflag = c_pflag_val; c_pflag_pend = 0 }
    od
}

/* When nothing else can move: neither side may be asleep while the other left it work. */
active proctype watchdog()
{
    timeout ->
    assert(!(c_asleep && tail != consumed));            /* no lost wake-up of the consumer */
    assert(!(p_asleep && produced - head < CAP));       /* no lost wake-up of the producer */
    assert(consumed == ITEMS)                           /* no deadlock */
}

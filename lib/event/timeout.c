/*
 * A pairing heap of timeouts (<sel4c/timeout.h>). Each node keeps its first child, its next
 * sibling and `prev`: the previous sibling, or the parent for a first child, which is what
 * unlinking an arbitrary node needs. A root has neither siblings nor prev.
 */
#include <sel4c/timeout.h>

/* Whether `a` expires before `b`: by deadline, then by start order. */
static bool earlier(const sel4c_timeout_t *a, const sel4c_timeout_t *b)
{
    if (a->deadline != b->deadline)
        return sel4c_time_before(a->deadline, b->deadline);
    return a->seq < b->seq;
}

/* Joins two roots: the later becomes the first child of the earlier. */
static sel4c_timeout_t *meld(sel4c_timeout_t *a, sel4c_timeout_t *b)
{
    if (earlier(b, a)) {
        sel4c_timeout_t *t = a;
        a = b;
        b = t;
    }
    b->next = a->child;
    if (a->child)
        a->child->prev = b;
    b->prev = a;
    a->child = b;
    return a;
}

/* Melds a list of siblings into one root: pairs left to right, then the pairs right to left
 * (the two passes give the amortised O(log n) bound). Iterative: no recursion on depth. */
static sel4c_timeout_t *merge_pairs(sel4c_timeout_t *first)
{
    sel4c_timeout_t *pairs = NULL; /* melded pairs, last first, linked by next */
    while (first) {
        sel4c_timeout_t *a = first, *b = a->next;
        first = b ? b->next : NULL;
        a->next = a->prev = NULL;
        if (b) {
            b->next = b->prev = NULL;
            a = meld(a, b);
        }
        a->next = pairs;
        pairs = a;
    }
    sel4c_timeout_t *root = pairs;
    if (!root)
        return NULL;
    pairs = root->next;
    root->next = NULL;
    while (pairs) {
        sel4c_timeout_t *p = pairs;
        pairs = p->next;
        p->next = NULL;
        root = meld(root, p);
    }
    return root;
}

static void insert(sel4c_timeouts_t *set, sel4c_timeout_t *t, uint64_t deadline)
{
    t->deadline = deadline;
    t->seq = set->seq++;
    t->child = t->next = t->prev = NULL;
    t->pending = true;
    set->root = set->root ? meld(set->root, t) : t;
    set->count++;
}

static void unlink_node(sel4c_timeouts_t *set, sel4c_timeout_t *t)
{
    if (t->deferred) {
        /* on the set-aside list of sel4c_timeouts_expire, doubly linked */
        if (t->prev)
            t->prev->next = t->next;
        else
            set->deferred = t->next;
        if (t->next)
            t->next->prev = t->prev;
        t->next = t->prev = NULL;
        t->deferred = t->pending = false;
        set->count--;
        return;
    }
    sel4c_timeout_t *sub = merge_pairs(t->child);
    if (t == set->root) {
        set->root = sub;
    } else {
        if (t->prev->child == t)
            t->prev->child = t->next;
        else
            t->prev->next = t->next;
        if (t->next)
            t->next->prev = t->prev;
        if (sub)
            set->root = meld(set->root, sub);
    }
    t->child = t->next = t->prev = NULL;
    t->pending = false;
    set->count--;
}

void sel4c_timeouts_init(sel4c_timeouts_t *set)
{
    set->root = NULL;
    set->count = 0;
    set->seq = 0;
    set->deferred = NULL;
}

sel4c_err_t sel4c_timeouts_start(sel4c_timeouts_t *set, sel4c_timeout_t *t, uint64_t deadline,
                                 uint64_t period, sel4c_timeout_fn fn, void *arg)
{
    if (!fn)
        return SEL4C_INVALID_ARGUMENT;
    if (period > SEL4C_TIMEOUT_MAX_DELAY)
        return SEL4C_RANGE_ERROR;
    if (t->pending)
        unlink_node(set, t);
    t->period = period;
    t->fn = fn;
    t->arg = arg;
    insert(set, t, deadline);
    return SEL4C_NO_ERROR;
}

bool sel4c_timeouts_cancel(sel4c_timeouts_t *set, sel4c_timeout_t *t)
{
    if (!t->pending)
        return false;
    unlink_node(set, t);
    return true;
}

size_t sel4c_timeouts_expire(sel4c_timeouts_t *set, uint64_t now)
{
    /* Timeouts started from here on are left for the next call: they are set aside as they
     * come up (still pending: a callback may cancel or restart them) and put back at the
     * end. A periodic restart below is not new: its deadline is after now. */
    uint64_t first_new = set->seq;
    size_t ran = 0;
    sel4c_timeout_t *t;
    while ((t = set->root) && !sel4c_time_before(now, t->deadline)) {
        unlink_node(set, t);
        if (t->seq >= first_new) {
            t->next = set->deferred;
            if (t->next)
                t->next->prev = t;
            set->deferred = t;
            t->deferred = t->pending = true;
            set->count++;
            continue;
        }
        if (t->period) {
            /* The first deadline after now, in whole periods from the last one. The
             * difference is below 2^63 and the step below 2^63 + 2^62: no overflow. */
            uint64_t late = now - t->deadline;
            insert(set, t, t->deadline + t->period * (late / t->period + 1));
        }
        t->fn(t, t->arg);
        ran++;
    }
    while ((t = set->deferred)) {
        unlink_node(set, t);
        insert(set, t, t->deadline);
    }
    return ran;
}

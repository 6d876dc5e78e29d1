/*
 * The index arithmetic every queue shares, over plain values so that WP proves it
 * (tests/queue/wp.sh). Indices run freely and wrap at their width (16 bits for sDDF's network
 * queues, 32 for the others); the distance from head to tail is computed in that width, which
 * is right for every pair of index values. sDDF 0.7 computes `tail - head` of two uint16_t in
 * int, which is negative once tail has wrapped and head has not, so its full test misses a
 * full queue; q_dist16 cannot. Both are written so that no intermediate value wraps (the
 * result is the same as tail - head in the index's width, and compilers emit one subtraction),
 * which keeps the proof in linear arithmetic.
 */
#pragma once

#include <stdint.h>

/*@ // The number of steps from head to tail in an index space of `m` values.
    logic integer q_dist(integer head, integer tail, integer m) =
        tail >= head ? tail - head : tail - head + m;
*/

/*@ assigns \nothing;
    ensures \result == q_dist(head, tail, 65536);
    ensures 0 <= \result <= 65535;
*/
static inline uint32_t q_dist16(uint16_t head, uint16_t tail)
{
    if (tail >= head)
        return (uint32_t)tail - head;
    return (uint32_t)tail + (UINT16_MAX - head) + 1u;
}

/*@ assigns \nothing;
    ensures \result == q_dist(head, tail, 4294967296);
*/
static inline uint32_t q_dist32(uint32_t head, uint32_t tail)
{
    if (tail >= head)
        return tail - head;
    return tail + (UINT32_MAX - head) + 1u;
}

/*@ requires 0 < capacity;
    assigns \nothing;
    ensures \result == idx % capacity;
    ensures \result < capacity;
*/
static inline uint32_t q_slot(uint32_t idx, uint32_t capacity)
{
    return idx % capacity;
}

/*@ // A power of two: the slots of any `capacity` consecutive indices are distinct across the
    // wrap of the index width, since the width is a multiple of capacity.
    predicate q_pow2(integer c) = c == 1 || c == 2 || c == 4 || c == 8 || c == 16 || c == 32 ||
        c == 64 || c == 128 || c == 256 || c == 512 || c == 1024 || c == 2048 || c == 4096 ||
        c == 8192 || c == 16384 || c == 32768 || c == 65536 || c == 131072 || c == 262144 ||
        c == 524288 || c == 1048576 || c == 2097152 || c == 4194304 || c == 8388608 ||
        c == 16777216 || c == 33554432 || c == 67108864 || c == 134217728 || c == 268435456 ||
        c == 536870912 || c == 1073741824 || c == 2147483648;
*/

/*@ assigns \nothing;
    ensures \result != 0 <==> q_pow2(x);
*/
static inline int q_is_pow2(uint32_t x)
{
    uint32_t c = 1;
    /*@ loop invariant q_pow2(c) && 1 <= c <= 2147483648;
        loop invariant \forall integer k; q_pow2(k) && k < c ==> k != x;
        loop assigns c;
        loop variant 2147483648 - c;
    */
    while (c != x && c < 2147483648u)
        c *= 2;
    return c == x;
}

/*@ // The entries between head and tail, when that is a possible state of a queue of capacity.
    requires \valid(n);
    requires 0 < capacity;
    assigns *n;
    behavior corrupt:
        assumes q_dist(head, tail, 4294967296) > capacity;
        ensures \result == -1 && *n == \old(*n);
    behavior ok:
        assumes q_dist(head, tail, 4294967296) <= capacity;
        ensures \result == 0 && *n == q_dist(head, tail, 4294967296);
    complete behaviors;
    disjoint behaviors;
*/
static inline int q_used32(uint32_t head, uint32_t tail, uint32_t capacity, uint32_t *n)
{
    uint32_t d = q_dist32(head, tail);
    if (d > capacity)
        return -1;
    *n = d;
    return 0;
}

/*@ requires \valid(n);
    requires 0 < capacity;
    assigns *n;
    behavior corrupt:
        assumes q_dist(head, tail, 65536) > capacity;
        ensures \result == -1 && *n == \old(*n);
    behavior ok:
        assumes q_dist(head, tail, 65536) <= capacity;
        ensures \result == 0 && *n == q_dist(head, tail, 65536);
    complete behaviors;
    disjoint behaviors;
*/
static inline int q_used16(uint16_t head, uint16_t tail, uint32_t capacity, uint32_t *n)
{
    uint32_t d = q_dist16(head, tail);
    if (d > capacity)
        return -1;
    *n = d;
    return 0;
}

/*@ // Full, as a producer must see it: no room, or a head it cannot trust.
    assigns \nothing;
    ensures \result != 0 <==> q_dist(head, tail, 4294967296) >= capacity;
*/
static inline int q_full32(uint32_t head, uint32_t tail, uint32_t capacity)
{
    return q_dist32(head, tail) >= capacity;
}

/*@ assigns \nothing;
    ensures \result != 0 <==> q_dist(head, tail, 65536) >= capacity;
*/
static inline int q_full16(uint16_t head, uint16_t tail, uint32_t capacity)
{
    return q_dist16(head, tail) >= capacity;
}

/*@ assigns \nothing;
    ensures \result == (a < b ? a : b);
*/
static inline uint32_t q_min(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/*@ // The index `count` steps after idx, in 32 bits.
    requires count <= 2147483648;
    assigns \nothing;
    ensures \result == (idx + count) % 4294967296;
    ensures q_dist(idx, \result, 4294967296) == count;
*/
static inline uint32_t q_advance32(uint32_t idx, uint32_t count)
{
    if (count > UINT32_MAX - idx)
        return count - (UINT32_MAX - idx) - 1u;
    return idx + count;
}

/*@ // How many of n entries a producer may add to a queue whose head it read: all that fit.
    // Adding them leaves at most capacity entries, as many more as were added.
    requires \valid(count);
    requires 0 < capacity <= 2147483648;
    assigns *count;
    behavior corrupt:
        assumes q_dist(head, tail, 4294967296) > capacity;
        ensures \result == -1 && *count == 0;
    behavior ok:
        assumes q_dist(head, tail, 4294967296) <= capacity;
        ensures \result == 0;
        ensures *count == \min(n, capacity - q_dist(head, tail, 4294967296));
        ensures q_dist(head, (tail + *count) % 4294967296, 4294967296) ==
                q_dist(head, tail, 4294967296) + *count <= capacity;
    complete behaviors;
    disjoint behaviors;
*/
static inline int q_room32(uint32_t head, uint32_t tail, uint32_t capacity, uint32_t n,
                           uint32_t *count)
{
    uint32_t used = 0;
    *count = 0;
    if (q_used32(head, tail, capacity, &used))
        return -1;
    *count = q_min(n, capacity - used);
    return 0;
}

/*@ // How many of n entries a consumer may take from a queue whose tail it read: all there are.
    // Taking them leaves as many fewer.
    requires \valid(count);
    requires 0 < capacity <= 2147483648;
    assigns *count;
    behavior corrupt:
        assumes q_dist(head, tail, 4294967296) > capacity;
        ensures \result == -1 && *count == 0;
    behavior ok:
        assumes q_dist(head, tail, 4294967296) <= capacity;
        ensures \result == 0;
        ensures *count == \min(n, q_dist(head, tail, 4294967296));
        ensures q_dist((head + *count) % 4294967296, tail, 4294967296) ==
                q_dist(head, tail, 4294967296) - *count;
    complete behaviors;
    disjoint behaviors;
*/
static inline int q_take32(uint32_t head, uint32_t tail, uint32_t capacity, uint32_t n,
                           uint32_t *count)
{
    uint32_t avail = 0;
    *count = 0;
    if (q_used32(head, tail, capacity, &avail))
        return -1;
    *count = q_min(n, avail);
    return 0;
}

/*@ // The slots of `count` entries from index idx: `first` from slot idx % capacity up to the
    // end of the array, the rest from slot 0; both runs lie inside the array and do not
    // overlap.
    requires \valid(first) && \separated(first, second) && \valid(second);
    requires 0 < capacity && count <= capacity;
    assigns *first, *second;
    ensures *first + *second == count;
    ensures idx % capacity + *first <= capacity;
    ensures *second == 0 || idx % capacity + *first == capacity;
    ensures *second <= idx % capacity;
*/
static inline void q_runs(uint32_t idx, uint32_t capacity, uint32_t count, uint32_t *first,
                          uint32_t *second)
{
    uint32_t slot = q_slot(idx, capacity);
    *first = q_min(count, capacity - slot);
    *second = count - *first;
}

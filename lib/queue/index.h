/*
 * The index arithmetic every queue shares, over plain values so that WP proves it
 * (tests/queue/wp.sh). Indices run freely and wrap at their width (16 bits for sDDF's network
 * queues, 32 for the others); the distance from head to tail is computed in that width, which
 * is right for every pair of index values. sDDF 0.7 computes `tail - head` of two uint16_t in
 * int, which is negative once tail has wrapped and head has not, so its full test misses a
 * full queue; q_dist16 cannot.
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
    return (uint16_t)(tail - head);
}

/*@ assigns \nothing;
    ensures \result == q_dist(head, tail, 4294967296);
*/
static inline uint32_t q_dist32(uint32_t head, uint32_t tail)
{
    return tail - head;
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

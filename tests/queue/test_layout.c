/*
 * The shared layouts of the queues against the tables of docs/queues.md (sDDF 0.7's byte
 * layouts for the network, block and serial queues): every size and offset, and where the
 * network descriptor's 6-bit oid lives. Built for the host and for AArch64 (tests/queue/queue.mk).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sel4c/queue.h>
#include <sel4c/queue/blk.h>
#include <sel4c/queue/net.h>
#include <sel4c/queue/serial.h>
#include "check.h"

#define AT(type, field, off) CHECK(offsetof(type, field) == (off))

int main(void)
{
    /* generic */
    CHECK(sizeof(sel4c_queue_header_t) == SEL4C_QUEUE_HEADER_SIZE);
    CHECK(SEL4C_QUEUE_HEADER_SIZE == 128);
    AT(sel4c_queue_header_t, tail, 0);
    AT(sel4c_queue_header_t, consumer_signalled, 4);
    AT(sel4c_queue_header_t, head, 64);
    AT(sel4c_queue_header_t, producer_signalled, 68);

    /* network: net_buff_desc_t and net_queue_t */
    CHECK(sizeof(sel4c_net_buff_desc_t) == 16);
    CHECK(_Alignof(sel4c_net_buff_desc_t) == 8);
    AT(sel4c_net_buff_desc_t, io_or_offset, 0);
    AT(sel4c_net_buff_desc_t, len, 8);
    sel4c_net_buff_desc_t d;
    memset(&d, 0, sizeof d);
    d.oid = 0x3f;
    unsigned char bytes[16];
    memcpy(bytes, &d, sizeof d);
    CHECK(bytes[10] == 0x3f); /* oid: the low 6 bits of byte 10 */
    for (int i = 0; i < 16; i++)
        CHECK(i == 10 || bytes[i] == 0);
    CHECK(sizeof(sel4c_net_queue_t) == 8);
    AT(sel4c_net_queue_t, tail, 0);
    AT(sel4c_net_queue_t, head, 2);
    AT(sel4c_net_queue_t, consumer_signalled, 4);
    AT(sel4c_net_queue_t, buffers, 8);
    CHECK(sizeof(((sel4c_net_queue_t *)0)->tail) == 2);
    CHECK(sizeof(((sel4c_net_queue_t *)0)->head) == 2);

    /* block: blk_req_t, blk_resp_t, blk_req_queue_t, blk_resp_queue_t */
    CHECK(sizeof(sel4c_blk_req_t) == 32);
    AT(sel4c_blk_req_t, code, 0);
    AT(sel4c_blk_req_t, io_or_offset, 8);
    AT(sel4c_blk_req_t, block_number, 16);
    AT(sel4c_blk_req_t, count, 24);
    AT(sel4c_blk_req_t, id, 28);
    CHECK(sizeof(sel4c_blk_resp_t) == 12);
    AT(sel4c_blk_resp_t, status, 0);
    AT(sel4c_blk_resp_t, success_count, 4);
    AT(sel4c_blk_resp_t, id, 8);
    CHECK(sizeof(sel4c_blk_req_queue_t) == 16);
    AT(sel4c_blk_req_queue_t, head, 0);
    AT(sel4c_blk_req_queue_t, tail, 4);
    AT(sel4c_blk_req_queue_t, plugged, 8);
    AT(sel4c_blk_req_queue_t, buffers, 16);
    CHECK(sizeof(((sel4c_blk_req_queue_t *)0)->plugged) == 1);
    CHECK(sizeof(sel4c_blk_resp_queue_t) == 8);
    AT(sel4c_blk_resp_queue_t, head, 0);
    AT(sel4c_blk_resp_queue_t, tail, 4);
    AT(sel4c_blk_resp_queue_t, buffers, 8);
    CHECK(SEL4C_BLK_REQ_BARRIER == 3 && SEL4C_BLK_RESP_ERR_NO_DEVICE == 4);
    CHECK(SEL4C_BLK_TRANSFER_SIZE == 4096);

    /* serial: serial_queue_t */
    CHECK(sizeof(sel4c_serial_queue_t) == 12);
    AT(sel4c_serial_queue_t, tail, 0);
    AT(sel4c_serial_queue_t, head, 4);
    AT(sel4c_serial_queue_t, producer_signalled, 8);
    return check_result("queue layouts");
}

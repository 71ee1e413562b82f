#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Writes the seed corpus of each fuzz target into corpus/<target>/: a few
# well-formed inputs in each target's command format, so the fuzzers start
# from deep, valid protocol exchanges.  The seeds are committed; rerun this
# only when a target's input format changes.

import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(HERE, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def xs_msg(mtype, req_id, payload, tx_id=0):
    return struct.pack('<IIII', mtype, req_id, tx_id, len(payload)) + payload


XS_DIRECTORY, XS_READ, XS_WATCH, XS_TRANSACTION_START = 1, 2, 4, 6
XS_WRITE, XS_WATCH_EVENT, XS_ERROR = 11, 15, 16

# xs_reply: mode 0 (stream), start index, then one chunk of data each.
replies = {
    'read': xs_msg(XS_READ, 1, b'4'),
    'error': xs_msg(XS_ERROR, 2, b'ENOENT\0'),
    'dir': xs_msg(XS_DIRECTORY, 3, b'768\0832\0'),
    'watch': xs_msg(XS_WATCH_EVENT, 0, b'backend/vbd/1/768/state\0tok\0'),
    'tx': xs_msg(XS_TRANSACTION_START, 4, b'17\0'),
    'ok': xs_msg(XS_WRITE, 5, b'OK\0'),
}
for name, msg in replies.items():
    chunk = (len(msg) + 4) // 5
    write('xs_reply', name, b'\0' + struct.pack('<I', 0xfffffff0) +
          bytes([chunk]) + msg)
two = replies['watch'] + replies['read']
write('xs_reply', 'two', b'\0' + struct.pack('<I', 7) + bytes([200]) + two)
ring = bytearray(1024)
msg = replies['dir']
for i, b in enumerate(msg):
    ring[(1020 + i) % 1024] = b
write('xs_reply', 'raw', b'\1' + struct.pack('<II', 1020, 1020 + len(msg)) +
      bytes(ring))

# xs_watch: bare payloads.
for name, p in {'event': b'device/vif/0/state\0tok\0',
                'special': b'@releaseDomain\0t\0',
                'dir': b'a\0bb\0', 'err': b'EAGAIN\0', 'num': b'123\0'}.items():
    write('xs_watch', name, p)

# xenbus: bare values as the bus reads them.
for name, p in {'devpath': b'device/vbd/51712/state', 'state': b'4',
                'backend': b'/local/domain/0/backend/vbd/1/0',
                'domid': b'32751'}.items():
    write('xenbus', name, p)


# xs_dev: (u16 chunk length, chunk) pairs written to the user device; a
# request split like libxenstore's writes (header, then each part).
XS_UNWATCH, XS_TRANSACTION_END = 5, 7


def chunks(*parts):
    return b''.join(struct.pack('<H', len(c)) + c for c in parts)


def split(msg):
    return chunks(msg[:16], msg[16:])


for name, data in {
        'read': chunks(xs_msg(XS_READ, 1, b'name\0')),
        'write': split(xs_msg(XS_WRITE, 2, b'data/x\0' + b'42')),
        'watch': split(xs_msg(XS_WATCH, 3, b'data/x\0tok\0')),
        'unwatch': chunks(xs_msg(XS_UNWATCH, 4, b'@introduceDomain\0t\0')),
        'tx': chunks(xs_msg(XS_TRANSACTION_START, 5, b'\0'),
                     xs_msg(XS_TRANSACTION_END, 6, b'T\0', tx_id=9)),
        'bytes': chunks(*[bytes([b]) for b in xs_msg(XS_DIRECTORY, 7, b'/\0')]),
        }.items():
    write('xs_dev', name, data)


def blk_rsp(rid, op, status):
    return struct.pack('<QBxhxxxx', rid, op, status)


# blkif_rsp: order, nr_ids - 1, then commands.
Q, PUSH, RSP, PROD, CONS, FINAL = 0, 1, 2, 3, 4, 5
read = bytes([Q, 0, 3]) + struct.pack('<H', 16)
write('blkif_rsp', 'read', bytes([0, 31]) + read + bytes([PUSH]) +
      bytes([RSP, 0]) + blk_rsp(0, 0, 0) + bytes([PROD, 1, CONS, FINAL]))
indirect = bytes([Q, 1, 0x80]) + struct.pack('<H', 8)
write('blkif_rsp', 'indirect', bytes([1, 63]) + indirect + bytes([PUSH]) +
      bytes([RSP, 0]) + blk_rsp(0, 1, 0) + bytes([PROD, 1, CONS]))
discard = bytes([Q, 5, 1]) + struct.pack('<HB', 100, 8)
flush = bytes([Q, 3, 0]) + struct.pack('<H', 0)
write('blkif_rsp', 'discard_flush', bytes([0, 7]) + discard + flush +
      bytes([PUSH, RSP, 0]) + blk_rsp(0, 5, -2) + bytes([RSP, 1]) +
      blk_rsp(1, 3, -1) + bytes([PROD, 2, CONS, FINAL]))
write('blkif_rsp', 'duplicate', bytes([0, 31]) + read + read +
      bytes([PUSH, RSP, 0]) + blk_rsp(0, 0, 0) + bytes([RSP, 1]) +
      blk_rsp(0, 0, 0) + bytes([PROD, 2, CONS]))


def tx_rsp(rid, status):
    return struct.pack('<Hh', rid, status)


# netif_tx: nr_ids - 1, then commands.
pkt = (bytes([Q, 2]) + struct.pack('<HHHH', 0, 1000, 0, 500) +
       bytes([1, 1]) + struct.pack('<H', 1448))
write('netif_tx', 'gso', bytes([255]) + pkt + bytes([PUSH]) +
      bytes([RSP, 0]) + tx_rsp(0, 0) + bytes([RSP, 1]) + tx_rsp(0, 1) +
      bytes([RSP, 2]) + tx_rsp(1, 0) + bytes([PROD, 3, CONS, FINAL]))
single = bytes([Q, 1]) + struct.pack('<HH', 64, 60) + bytes([2, 0, 0, 0])
write('netif_tx', 'single', bytes([15]) + single + single + bytes([PUSH]) +
      bytes([RSP, 0]) + tx_rsp(1, 0) + bytes([RSP, 1]) + tx_rsp(0, -2) +
      bytes([PROD, 2, CONS]))


def rx_rsp(rid, off, flags, status):
    return struct.pack('<HHHh', rid, off, flags, status)


def extra_gso(size, gtype, flags=0):
    return struct.pack('<BBHBBH', 1, flags, size, gtype, 0, 0)


# netif_rx: commands.
write('netif_rx', 'single', bytes([Q, 8, PUSH, RSP, 0]) +
      rx_rsp(0, 0, 1, 60) + bytes([PROD, 1, CONS, FINAL]))
write('netif_rx', 'gso', bytes([Q, 255, PUSH, RSP, 0]) +
      rx_rsp(0, 0, 2 | 4 | 8, 4096) + bytes([RSP, 1]) +
      extra_gso(1448, 2) + bytes([RSP, 2]) + rx_rsp(2, 0, 4, 4096) +
      bytes([RSP, 3]) + rx_rsp(3, 100, 0, 200) + bytes([PROD, 4, CONS]))
write('netif_rx', 'error', bytes([Q, 4, PUSH, RSP, 0]) +
      rx_rsp(0, 0, 4, -1) + bytes([RSP, 1]) + rx_rsp(1, 0, 0, 10) +
      bytes([PROD, 2, CONS]))

# console: in and out start indexes, then commands (cmd, len, data).
con = struct.pack('<II', 0xffffff00, 0xfffffff0)
con += bytes([0]) + struct.pack('<H', 40) + b'login: root\n'.ljust(40, b'.')
con += bytes([3]) + struct.pack('<H', 30)
con += bytes([2]) + struct.pack('<H', 5) + bytes([5]) + b'ls -l'
con += bytes([1]) + struct.pack('<H', 100)
write('console', 'echo', con)
full = struct.pack('<II', 0, 0) + bytes([0]) + struct.pack('<H', 2999) + \
    b'x' * 63 + bytes([0]) + struct.pack('<H', 10) + b'y' * 10
write('console', 'full', full)

/*
 * The C limit: one walk over a fanotify stream touching every field of every record, feeding
 * the same checksum as bench/checksum.ts (32-bit fields summed mod 2^32 with each byte field's
 * length, first and last byte; 64-bit fields summed mod 2^64). Bounds-checked like
 * bench/hand-written.ts. Shared by the decode loop and the live reader.
 */
#ifndef FANOTIFY_BENCH_WALK_H
#define FANOTIFY_BENCH_WALK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct checksum {
	uint64_t events, records, overflows;
	uint32_t a;
	uint64_t w;
};

/* Unaligned host-order loads (records are only 4-byte aligned, u64 fields may not be 8-aligned). */
static inline uint16_t ld16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static inline uint32_t ld32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t ld64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static inline void ck_bytes(struct checksum *ck, const uint8_t *b, size_t n)
{
	ck->a += (uint32_t)n + (n ? (uint32_t)b[0] + b[n - 1] : 0);
}

#define FAN_Q_OVERFLOW_BIT 0x4000ull

/* Walks `len` bytes; returns 0, or the offset + 1 of the first malformed event. */
static inline size_t walk_events(const uint8_t *buf, size_t len, struct checksum *ck)
{
	size_t pos = 0;
	while (pos < len) {
		const uint8_t *e = buf + pos;
		if (len - pos < 24) return pos + 1;
		uint32_t event_len = ld32(e);
		if (event_len < 24 || event_len > len - pos) return pos + 1;
		if (e[4] != 3 || ld16(e + 6) != 24) return pos + 1;
		uint64_t mask = ld64(e + 8);
		ck->events++;
		if (mask & FAN_Q_OVERFLOW_BIT) ck->overflows++;
		ck->a += event_len + e[4] + e[5] + ld16(e + 6) + ld32(e + 16) + ld32(e + 20);
		ck->w += mask;
		size_t r = 24;
		while (r < event_len) {
			const uint8_t *p = e + r;
			if (event_len - r < 4) return pos + 1;
			uint8_t type = p[0];
			uint16_t rlen = ld16(p + 2);
			if (rlen < 4 || rlen > event_len - r) return pos + 1;
			ck->records++;
			ck->a += type + p[1] + rlen;
			switch (type) {
			case 1: case 3: case 2: case 10: case 12: {
				if (rlen < 20) return pos + 1;
				uint32_t hb = ld32(p + 12);
				if (hb > (uint32_t)rlen - 20) return pos + 1;
				ck->a += ld32(p + 4) + ld32(p + 8) + hb + ld32(p + 16);
				ck_bytes(ck, p + 20, hb);
				if (type != 1 && type != 3) {
					const uint8_t *name = p + 20 + hb;
					const uint8_t *nul = memchr(name, 0, rlen - 20 - hb);
					if (!nul) return pos + 1;
					ck_bytes(ck, name, (size_t)(nul - name));
				}
				break;
			}
			case 4:
				if (rlen < 8) return pos + 1;
				ck->a += ld32(p + 4);
				break;
			case 5:
				if (rlen < 12) return pos + 1;
				ck->a += ld32(p + 4) + ld32(p + 8);
				break;
			case 6:
				if (rlen < 24) return pos + 1;
				ck->a += ld32(p + 4);
				ck->w += ld64(p + 8) + ld64(p + 16);
				break;
			case 7:
				if (rlen < 16) return pos + 1;
				ck->w += ld64(p + 8);
				break;
			default:
				ck_bytes(ck, p + 4, rlen - 4u);
			}
			r += rlen;
		}
		pos += event_len;
	}
	return 0;
}

#endif

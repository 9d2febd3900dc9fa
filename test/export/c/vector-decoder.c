/*
 * A reference decoder in C for the conformance vectors (corpus/vectors/): the first consumer of
 * the wire format that is not this package. It takes its layouts and constants from the header
 * `fanotify-codec export c-header` writes (fanotify-codec.h), never from hand-copied numbers,
 * and applies the framing and validation rules of README "Errors" in the same order.
 *
 *   vector-decoder little|big FILE
 *
 * prints one JSON object per event (the vectors' expected JSON without the derived fields
 * mask_names and info_type_name, names as name_hex), and for a malformed stream a last line
 *   {"error":{"code":"...","offset":N,"path":"..."}}
 * with exit status 1. Exit status 2: usage or I/O error.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fanotify-codec.h"

#define METADATA_LEN sizeof(struct fanotify_event_metadata)
#define HEADER_LEN sizeof(struct fanotify_event_info_header)
#define HANDLE_AT sizeof(struct fanotify_event_info_fid)
#define HANDLE_BYTES_AT (HANDLE_AT + offsetof(struct file_handle, handle_bytes))
#define HANDLE_TYPE_AT (HANDLE_AT + offsetof(struct file_handle, handle_type))
#define F_HANDLE_AT (HANDLE_AT + offsetof(struct file_handle, f_handle))
#define EVENT_ALIGN 4

static const uint8_t *buf;
static size_t buf_len;
static int le;

static uint64_t rd(size_t at, unsigned size) {
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++) v |= (uint64_t)buf[at + (le ? i : size - 1 - i)] << (8 * i);
	return v;
}
static uint8_t u8(size_t at) { return buf[at]; }
static uint16_t u16(size_t at) { return (uint16_t)rd(at, 2); }
static uint32_t u32(size_t at) { return (uint32_t)rd(at, 4); }
static int32_t s32(size_t at) { return (int32_t)u32(at); }
static uint64_t u64(size_t at) { return rd(at, 8); }

struct failure {
	const char *code;
	size_t offset;
	long record; /* -1: the event itself */
	const char *field; /* "" for none */
};

static int fail(struct failure *f, const char *code, size_t offset, long record, const char *field) {
	f->code = code;
	f->offset = offset;
	f->record = record;
	f->field = field;
	return -1;
}

enum kind { FID, FID_NAME, PIDFD, ERROR, RANGE, MNT, UNKNOWN };

static enum kind kind_of(uint8_t type) {
	switch (type) {
	case FAN_EVENT_INFO_TYPE_FID:
	case FAN_EVENT_INFO_TYPE_DFID: return FID;
	case FAN_EVENT_INFO_TYPE_DFID_NAME:
	case FAN_EVENT_INFO_TYPE_OLD_DFID_NAME:
	case FAN_EVENT_INFO_TYPE_NEW_DFID_NAME: return FID_NAME;
	case FAN_EVENT_INFO_TYPE_PIDFD: return PIDFD;
	case FAN_EVENT_INFO_TYPE_ERROR: return ERROR;
	case FAN_EVENT_INFO_TYPE_RANGE: return RANGE;
	case FAN_EVENT_INFO_TYPE_MNT: return MNT;
	default: return UNKNOWN;
	}
}

/* The fixed part of a record of each kind: what len must at least cover. */
static size_t fixed_size(enum kind k) {
	switch (k) {
	case FID:
	case FID_NAME: return F_HANDLE_AT;
	case PIDFD: return sizeof(struct fanotify_event_info_pidfd);
	case ERROR: return sizeof(struct fanotify_event_info_error);
	case RANGE: return sizeof(struct fanotify_event_info_range);
	case MNT: return sizeof(struct fanotify_event_info_mnt);
	default: return HEADER_LEN;
	}
}

/* Implicit C padding inside the fixed part (the MNT record's 4 bytes before mnt_id). */
static size_t hole_end(enum kind k) {
	return k == MNT ? offsetof(struct fanotify_event_info_mnt, mnt_id) : HEADER_LEN;
}

/* Checks the record at r (len bytes) and returns the end of its content, or -1. */
static long check_content(size_t r, uint16_t len, long j, struct failure *f) {
	enum kind k = kind_of(u8(r));
	size_t end = r + len;
	if (len < fixed_size(k)) return fail(f, "DECODE_RECORD_LEN_TOO_SMALL", r + 2, j, "len");
	for (size_t i = r + HEADER_LEN; i < r + hole_end(k); i++)
		if (buf[i] != 0) return fail(f, "DECODE_NONZERO_PADDING", i, j, "padding");
	if (k == UNKNOWN) return (long)end;
	if (k != FID && k != FID_NAME) return (long)(r + fixed_size(k));
	uint32_t handle_bytes = u32(r + HANDLE_BYTES_AT);
	size_t cursor = r + F_HANDLE_AT;
	if (handle_bytes > end - cursor) return fail(f, "DECODE_FIELD_PAST_RECORD", r + HANDLE_BYTES_AT, j, "handle_bytes");
	cursor += handle_bytes;
	if (k == FID) return (long)cursor;
	size_t nul = cursor;
	while (nul < end && buf[nul] != 0) nul++;
	if (nul >= end) return fail(f, "DECODE_NAME_WITHOUT_NUL", cursor, j, "name");
	if (nul == cursor) return fail(f, "DECODE_BAD_RECORD", cursor, j, "name");
	return (long)(nul + 1);
}

/* Validates the records of the event [start, end). */
static int check_records(size_t start, size_t end, struct failure *f) {
	long j = 0;
	for (size_t r = start; r < end; j++) {
		if (end - r < HEADER_LEN) return fail(f, "DECODE_RECORD_PAST_EVENT", r, j, "");
		uint16_t len = u16(r + 2);
		if (len < HEADER_LEN) return fail(f, "DECODE_RECORD_LEN_TOO_SMALL", r + 2, j, "len");
		if (len > end - r) return fail(f, "DECODE_RECORD_PAST_EVENT", r + 2, j, "len");
		long content_end = check_content(r, len, j, f);
		if (content_end < 0) return -1;
		size_t content = (size_t)content_end - r;
		if (len != (content + EVENT_ALIGN - 1) / EVENT_ALIGN * EVENT_ALIGN) return fail(f, "DECODE_RECORD_LEN_MISMATCH", r + 2, j, "len");
		for (size_t i = (size_t)content_end; i < r + len; i++)
			if (buf[i] != 0) return fail(f, "DECODE_NONZERO_PADDING", i, j, "padding");
		r += len;
	}
	return 0;
}

/* Validates the event at pos; on success sets *event_len. */
static int check_event(size_t pos, uint32_t *event_len, struct failure *f) {
	size_t remaining = buf_len - pos;
	if (remaining < METADATA_LEN) return fail(f, "DECODE_TRUNCATED", pos, -1, "");
	uint32_t len = u32(pos + offsetof(struct fanotify_event_metadata, event_len));
	if (len < METADATA_LEN) return fail(f, "DECODE_EVENT_LEN_TOO_SMALL", pos, -1, "event_len");
	if (len > remaining) return fail(f, "DECODE_EVENT_LEN_PAST_END", pos, -1, "event_len");
	size_t vers = pos + offsetof(struct fanotify_event_metadata, vers);
	if (u8(vers) != FANOTIFY_METADATA_VERSION) return fail(f, "DECODE_BAD_VERSION", vers, -1, "vers");
	size_t metadata_len = pos + offsetof(struct fanotify_event_metadata, metadata_len);
	if (u16(metadata_len) != METADATA_LEN) return fail(f, "DECODE_BAD_METADATA_LEN", metadata_len, -1, "metadata_len");
	*event_len = len;
	return check_records(pos + METADATA_LEN, pos + len, f);
}

static void hex(size_t at, size_t n) {
	putchar('"');
	for (size_t i = 0; i < n; i++) printf("%02x", buf[at + i]);
	putchar('"');
}

static void print_fid(size_t r, int named, size_t end) {
	size_t fsid = r + offsetof(struct fanotify_event_info_fid, fsid);
	uint32_t handle_bytes = u32(r + HANDLE_BYTES_AT);
	printf(",\"fsid\":[%d,%d],\"handle_bytes\":%u,\"handle_type\":%d,\"f_handle\":", s32(fsid), s32(fsid + 4), handle_bytes, s32(r + HANDLE_TYPE_AT));
	hex(r + F_HANDLE_AT, handle_bytes);
	if (!named) return;
	size_t name = r + F_HANDLE_AT + handle_bytes;
	size_t nul = name;
	while (nul < end && buf[nul] != 0) nul++;
	printf(",\"name_hex\":");
	hex(name, nul - name);
}

static void print_record(size_t r) {
	uint16_t len = u16(r + 2);
	printf("{\"info_type\":%u,\"pad\":%u,\"len\":%u", u8(r), u8(r + 1), len);
	switch (kind_of(u8(r))) {
	case FID: print_fid(r, 0, r + len); break;
	case FID_NAME: print_fid(r, 1, r + len); break;
	case PIDFD: printf(",\"pidfd\":%d", s32(r + offsetof(struct fanotify_event_info_pidfd, pidfd))); break;
	case ERROR: printf(",\"error\":%d,\"error_count\":%u", s32(r + offsetof(struct fanotify_event_info_error, error)), u32(r + offsetof(struct fanotify_event_info_error, error_count))); break;
	case RANGE:
		printf(",\"range_pad\":%u,\"offset\":\"%llu\",\"count\":\"%llu\"", u32(r + offsetof(struct fanotify_event_info_range, pad)),
		       (unsigned long long)u64(r + offsetof(struct fanotify_event_info_range, offset)), (unsigned long long)u64(r + offsetof(struct fanotify_event_info_range, count)));
		break;
	case MNT: printf(",\"mnt_id\":\"%llu\"", (unsigned long long)u64(r + offsetof(struct fanotify_event_info_mnt, mnt_id))); break;
	default: printf(",\"data\":"); hex(r + HEADER_LEN, len - HEADER_LEN); break;
	}
	putchar('}');
}

static void print_event(size_t pos, uint32_t event_len) {
	printf("{\"event_len\":%u,\"vers\":%u,\"reserved\":%u,\"metadata_len\":%u,\"mask\":\"0x%llx\",\"fd\":%d,\"pid\":%d,\"info\":[", event_len,
	       u8(pos + offsetof(struct fanotify_event_metadata, vers)), u8(pos + offsetof(struct fanotify_event_metadata, reserved)),
	       u16(pos + offsetof(struct fanotify_event_metadata, metadata_len)), (unsigned long long)u64(pos + offsetof(struct fanotify_event_metadata, mask)),
	       s32(pos + offsetof(struct fanotify_event_metadata, fd)), s32(pos + offsetof(struct fanotify_event_metadata, pid)));
	for (size_t r = pos + METADATA_LEN; r < pos + event_len; r += u16(r + 2)) {
		if (r > pos + METADATA_LEN) putchar(',');
		print_record(r);
	}
	printf("]}\n");
}

static void print_failure(const struct failure *f, long event) {
	printf("{\"error\":{\"code\":\"%s\",\"offset\":%zu,\"path\":\"event[%ld]", f->code, f->offset, event);
	if (f->record >= 0) printf(".info[%ld]", f->record);
	if (f->field[0]) printf(".%s", f->field);
	printf("\"}}\n");
}

static uint8_t *read_file(const char *path, size_t *len) {
	FILE *file = fopen(path, "rb");
	if (!file) return NULL;
	size_t cap = 4096, n = 0, got;
	uint8_t *data = malloc(cap);
	while (data && (got = fread(data + n, 1, cap - n, file)) > 0) {
		n += got;
		if (n == cap) data = realloc(data, cap *= 2);
	}
	fclose(file);
	*len = n;
	return data;
}

int main(int argc, char **argv) {
	if (argc != 3 || (strcmp(argv[1], "little") && strcmp(argv[1], "big"))) {
		fprintf(stderr, "usage: vector-decoder little|big FILE\n");
		return 2;
	}
	le = strcmp(argv[1], "little") == 0;
	uint8_t *data = read_file(argv[2], &buf_len);
	if (!data) {
		perror(argv[2]);
		return 2;
	}
	buf = data;
	long event = 0;
	for (size_t pos = 0; pos < buf_len; event++) {
		struct failure f = { "", 0, -1, "" };
		uint32_t event_len = 0;
		if (check_event(pos, &event_len, &f) < 0) {
			print_failure(&f, event);
			free(data);
			return 1;
		}
		print_event(pos, event_len);
		pos += event_len;
	}
	free(data);
	return 0;
}

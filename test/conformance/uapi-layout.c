/*
 * Prints what the installed uapi header says about the fanotify wire format, for
 * uapi-conformance.test.ts to compare with spec/:
 *
 *   header <LINUX_VERSION_CODE>
 *   struct <name> <sizeof> <alignof>
 *   member <struct> <member> <offset> <size>
 *   flex <struct> <member> <offset>            (flexible array member: offset only)
 *   absent <struct> <guard>                    (the header is too old to declare it)
 *   const <NAME> <value>  /  missing <NAME>    (one per spec constant, from spec-constants.h)
 *
 * Structs that newer headers add are guarded by the constant introduced with them, so the
 * program compiles against any header version.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/fanotify.h>
#include <linux/version.h>

#define STRUCT(S) printf("struct %s %zu %zu\n", #S, sizeof(struct S), _Alignof(struct S))
#define MEMBER(S, M) printf("member %s %s %zu %zu\n", #S, #M, offsetof(struct S, M), sizeof(((struct S *)0)->M))
#define FLEX(S, M) printf("flex %s %s %zu\n", #S, #M, offsetof(struct S, M))
#define ABSENT(S, GUARD) printf("absent %s %s\n", #S, #GUARD)

/* Constants: the generated spec-constants.h expands CONSTANT_PRESENT / CONSTANT_MISSING per name. */
#define CONSTANT_PRESENT(NAME) printf("const %s %lld\n", #NAME, (long long)(NAME))
#define CONSTANT_MISSING(NAME) printf("missing %s\n", #NAME)

static void header_version(void) {
	printf("header %d\n", LINUX_VERSION_CODE);
}

static void event_structs(void) {
	STRUCT(fanotify_event_metadata);
	MEMBER(fanotify_event_metadata, event_len);
	MEMBER(fanotify_event_metadata, vers);
	MEMBER(fanotify_event_metadata, reserved);
	MEMBER(fanotify_event_metadata, metadata_len);
	MEMBER(fanotify_event_metadata, mask);
	MEMBER(fanotify_event_metadata, fd);
	MEMBER(fanotify_event_metadata, pid);

	STRUCT(fanotify_event_info_header);
	MEMBER(fanotify_event_info_header, info_type);
	MEMBER(fanotify_event_info_header, pad);
	MEMBER(fanotify_event_info_header, len);

	/* __kernel_fsid_t is a typedef of an anonymous struct. */
	printf("struct __kernel_fsid_t %zu %zu\n", sizeof(__kernel_fsid_t), _Alignof(__kernel_fsid_t));
	printf("member __kernel_fsid_t val %zu %zu\n", offsetof(__kernel_fsid_t, val), sizeof(((__kernel_fsid_t *)0)->val));

	STRUCT(fanotify_event_info_fid);
	MEMBER(fanotify_event_info_fid, hdr.info_type);
	MEMBER(fanotify_event_info_fid, hdr.pad);
	MEMBER(fanotify_event_info_fid, hdr.len);
	MEMBER(fanotify_event_info_fid, fsid);
	FLEX(fanotify_event_info_fid, handle);

	STRUCT(file_handle);
	MEMBER(file_handle, handle_bytes);
	MEMBER(file_handle, handle_type);
	FLEX(file_handle, f_handle);

	STRUCT(fanotify_event_info_pidfd);
	MEMBER(fanotify_event_info_pidfd, hdr.info_type);
	MEMBER(fanotify_event_info_pidfd, hdr.pad);
	MEMBER(fanotify_event_info_pidfd, hdr.len);
	MEMBER(fanotify_event_info_pidfd, pidfd);

	STRUCT(fanotify_event_info_error);
	MEMBER(fanotify_event_info_error, hdr.info_type);
	MEMBER(fanotify_event_info_error, hdr.pad);
	MEMBER(fanotify_event_info_error, hdr.len);
	MEMBER(fanotify_event_info_error, error);
	MEMBER(fanotify_event_info_error, error_count);

#ifdef FAN_EVENT_INFO_TYPE_RANGE
	STRUCT(fanotify_event_info_range);
	MEMBER(fanotify_event_info_range, hdr.info_type);
	MEMBER(fanotify_event_info_range, hdr.pad);
	MEMBER(fanotify_event_info_range, hdr.len);
	MEMBER(fanotify_event_info_range, pad);
	MEMBER(fanotify_event_info_range, offset);
	MEMBER(fanotify_event_info_range, count);
#else
	ABSENT(fanotify_event_info_range, FAN_EVENT_INFO_TYPE_RANGE);
#endif

#ifdef FAN_EVENT_INFO_TYPE_MNT
	STRUCT(fanotify_event_info_mnt);
	MEMBER(fanotify_event_info_mnt, hdr.info_type);
	MEMBER(fanotify_event_info_mnt, hdr.pad);
	MEMBER(fanotify_event_info_mnt, hdr.len);
	MEMBER(fanotify_event_info_mnt, mnt_id);
#else
	ABSENT(fanotify_event_info_mnt, FAN_EVENT_INFO_TYPE_MNT);
#endif
}

static void response_structs(void) {
	STRUCT(fanotify_response);
	MEMBER(fanotify_response, fd);
	MEMBER(fanotify_response, response);

#ifdef FAN_RESPONSE_INFO_AUDIT_RULE
	STRUCT(fanotify_response_info_header);
	MEMBER(fanotify_response_info_header, type);
	MEMBER(fanotify_response_info_header, pad);
	MEMBER(fanotify_response_info_header, len);

	STRUCT(fanotify_response_info_audit_rule);
	MEMBER(fanotify_response_info_audit_rule, hdr.type);
	MEMBER(fanotify_response_info_audit_rule, hdr.pad);
	MEMBER(fanotify_response_info_audit_rule, hdr.len);
	MEMBER(fanotify_response_info_audit_rule, rule_number);
	MEMBER(fanotify_response_info_audit_rule, subj_trust);
	MEMBER(fanotify_response_info_audit_rule, obj_trust);
#else
	ABSENT(fanotify_response_info_header, FAN_RESPONSE_INFO_AUDIT_RULE);
	ABSENT(fanotify_response_info_audit_rule, FAN_RESPONSE_INFO_AUDIT_RULE);
#endif
}

static void constants(void) {
#include "spec-constants.h"
}

int main(void) {
	header_version();
	event_structs();
	response_structs();
	constants();
	return 0;
}

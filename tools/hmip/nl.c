// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the generic netlink layer, on top of libmnl.
 *
 * nl_open() resolves the "hmip" family and its event groups; a command
 * builds its request with nl_request() and the mnl_attr_put_*() helpers,
 * and nl_talk() sends it with NLM_F_ACK, reads the whole answer (every part
 * of a dump, again from the start if the kernel flags it as interrupted),
 * then hands each message to the command's callback. When the kernel says
 * no, the extended ACK becomes one line:
 *
 *	hmip: config set: Error: <message> (<attribute>: valid range 1..1000)
 *
 * Every public function that can fail prints why on stderr and returns the
 * exit status for main() (HMIP_EXIT_*), or 0.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/hmip.h>

#include "cli.h"
#include "nl.h"

#define NL_REQ_SIZE	4096	/* hmip requests are small */
#define NL_DUMP_TRIES	5	/* attempts at a dump the kernel interrupts */
#define NL_PATH_MAX	8	/* nesting depth of attributes in errors */
#define NL_DUMP_BUF	32768	/* receive buffer for nl_stream() */

/**
 * struct nl_ack - the kernel's answer to a failed request, copied out of
 *	the receive buffer
 * @error: the positive errno
 * @msg: NLMSGERR_ATTR_MSG, or ""
 * @has_offs: @offs is valid
 * @offs: NLMSGERR_ATTR_OFFS, where the bad attribute starts in the request
 * @has_miss: @miss_type is valid
 * @miss_type: NLMSGERR_ATTR_MISS_TYPE, type of a missing attribute
 * @has_miss_nest: @miss_nest is valid
 * @miss_nest: NLMSGERR_ATTR_MISS_NEST, where its nest starts in the request
 * @has_range: @min and @max hold the range of NLMSGERR_ATTR_POLICY
 * @is_signed: the range is of a signed integer (cast @min and @max)
 * @min: smallest valid value
 * @max: largest valid value
 */
struct nl_ack {
	int error;
	char msg[256];
	bool has_offs;
	uint32_t offs;
	bool has_miss;
	uint32_t miss_type;
	bool has_miss_nest;
	uint32_t miss_nest;
	bool has_range;
	bool is_signed;
	uint64_t min;
	uint64_t max;
};

/**
 * struct nl_ctx - a generic netlink socket talking to the hmip family
 * @sock: the socket
 * @portid: its netlink port id
 * @seq: sequence number of the last request
 * @family: id of the HMIP_GENL_NAME family
 * @events_group: id of its HMIP_GENL_MCGRP_EVENTS group, 0 if it has none
 * @admin_group: id of its HMIP_GENL_MCGRP_EVENTS_ADMIN group, 0 if it has
 *	none (an older module)
 * @rbuf: receive buffer, grown to fit each datagram
 * @rbuf_size: its size
 * @msgs: the answer to the last request: its messages, one after the other
 * @msgs_len: bytes used in @msgs
 * @msgs_size: size of @msgs
 * @ack: the error of the last request
 * @req: the request being built (u32 for the alignment of nlmsghdr)
 */
struct nl_ctx {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
	uint16_t family;
	uint32_t events_group;
	uint32_t admin_group;
	char *rbuf;
	size_t rbuf_size;
	char *msgs;
	size_t msgs_len;
	size_t msgs_size;
	struct nl_ack ack;
	uint32_t req[NL_REQ_SIZE / sizeof(uint32_t)];
};

static struct nlmsghdr *nl_put_header(struct nl_ctx *nl, uint16_t type,
				      uint8_t cmd, uint8_t version,
				      uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	memset(nl->req, 0, sizeof(nl->req));
	nlh = mnl_nlmsg_put_header(nl->req);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

/**
 * nl_request() - start a request to the hmip family
 * @nl: the socket
 * @cmd: HMIP_CMD_*
 * @flags: NLM_F_DUMP, or 0 (NLM_F_REQUEST and NLM_F_ACK are always set)
 *
 * Return: the message, to add attributes to with mnl_attr_put_*() (it has
 * room for NL_REQ_SIZE bytes) and to send with nl_talk().
 */
struct nlmsghdr *nl_request(struct nl_ctx *nl, uint8_t cmd, uint16_t flags)
{
	return nl_put_header(nl, nl->family, cmd, HMIP_GENL_VERSION, flags);
}

/* One datagram from the kernel into @nl->rbuf: its length, or -errno. */
static ssize_t nl_recv(struct nl_ctx *nl)
{
	int fd = mnl_socket_get_fd(nl->sock);
	struct sockaddr_nl sa;
	struct iovec iov;
	struct msghdr msg = {
		.msg_name = &sa,
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t len;
	char *buf;

	for (;;) {
		/* learn the size of the datagram, then make room for it */
		iov.iov_base = NULL;
		iov.iov_len = 0;
		msg.msg_namelen = sizeof(sa);
		len = recvmsg(fd, &msg, MSG_PEEK | MSG_TRUNC);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0)
			return -errno;
		if ((size_t)len > nl->rbuf_size) {
			buf = realloc(nl->rbuf, len);
			if (!buf)
				return -ENOMEM;
			nl->rbuf = buf;
			nl->rbuf_size = len;
		}

		iov.iov_base = nl->rbuf;
		iov.iov_len = nl->rbuf_size;
		msg.msg_namelen = sizeof(sa);
		len = recvmsg(fd, &msg, 0);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0)
			return -errno;
		if (msg.msg_flags & MSG_TRUNC)
			return -EMSGSIZE;
		/* only the kernel speaks for the hmip family */
		if (msg.msg_namelen != sizeof(sa) || sa.nl_pid)
			continue;
		return len;
	}
}

static void nl_parse_policy(struct nl_ack *ack, const struct nlattr *nest)
{
	const struct nlattr *attr;
	unsigned int found = 0;
	uint16_t type;

	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_validate(attr, MNL_TYPE_U64))
			continue;
		type = mnl_attr_get_type(attr);
		if (type == NL_POLICY_TYPE_ATTR_MIN_VALUE_S ||
		    type == NL_POLICY_TYPE_ATTR_MAX_VALUE_S)
			ack->is_signed = true;
		if (type == NL_POLICY_TYPE_ATTR_MIN_VALUE_S ||
		    type == NL_POLICY_TYPE_ATTR_MIN_VALUE_U) {
			ack->min = mnl_attr_get_u64(attr);
			found |= 1;
		} else if (type == NL_POLICY_TYPE_ATTR_MAX_VALUE_S ||
			   type == NL_POLICY_TYPE_ATTR_MAX_VALUE_U) {
			ack->max = mnl_attr_get_u64(attr);
			found |= 2;
		}
	}
	ack->has_range = found == 3;
}

/* The TLVs of an extended ACK, @off bytes into the payload of @nlh. */
static void nl_parse_ext_ack(struct nl_ack *ack, const struct nlmsghdr *nlh,
			     size_t off)
{
	const struct nlattr *attr;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    off > mnl_nlmsg_get_payload_len(nlh))
		return;

	mnl_attr_for_each(attr, nlh, off) {
		switch (mnl_attr_get_type(attr)) {
		case NLMSGERR_ATTR_MSG:
			if (!mnl_attr_validate(attr, MNL_TYPE_NUL_STRING))
				snprintf(ack->msg, sizeof(ack->msg), "%s",
					 mnl_attr_get_str(attr));
			break;
		case NLMSGERR_ATTR_OFFS:
			if (!mnl_attr_validate(attr, MNL_TYPE_U32)) {
				ack->offs = mnl_attr_get_u32(attr);
				ack->has_offs = true;
			}
			break;
		case NLMSGERR_ATTR_POLICY:
			if (!mnl_attr_validate(attr, MNL_TYPE_NESTED))
				nl_parse_policy(ack, attr);
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (!mnl_attr_validate(attr, MNL_TYPE_U32)) {
				ack->miss_type = mnl_attr_get_u32(attr);
				ack->has_miss = true;
			}
			break;
		case NLMSGERR_ATTR_MISS_NEST:
			if (!mnl_attr_validate(attr, MNL_TYPE_U32)) {
				ack->miss_nest = mnl_attr_get_u32(attr);
				ack->has_miss_nest = true;
			}
			break;
		}
	}
}

/*
 * NLMSG_ERROR or NLMSG_DONE, the end of an answer: 0 if the request
 * succeeded, else the errno (and @nl->ack says more).
 */
static int nl_parse_end(struct nl_ctx *nl, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t len = mnl_nlmsg_get_payload_len(nlh), off;
	struct nl_ack *ack = &nl->ack;
	int error;

	memset(ack, 0, sizeof(*ack));
	if (nlh->nlmsg_type == NLMSG_DONE) {
		/* a dump ends with an int, 0 or -errno, and maybe TLVs */
		if (len < sizeof(int))
			return 0;
		memcpy(&error, err, sizeof(error));
		off = sizeof(int);
	} else {
		if (len < sizeof(*err)) {
			ack->error = EBADMSG;
			return ack->error;
		}
		error = err->error;
		off = sizeof(*err);
		/* the request follows, unless NETLINK_CAP_ACK capped it */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    err->msg.nlmsg_len > sizeof(err->msg))
			off += err->msg.nlmsg_len - sizeof(err->msg);
		off = NLMSG_ALIGN(off);
	}
	nl_parse_ext_ack(ack, nlh, off);

	if (!error) {
		if (ack->msg[0])
			cli_err("Warning: %s", ack->msg);
		return 0;
	}
	ack->error = error < 0 ? -error : error;
	return ack->error;
}

/* Keep a copy of a message of the answer, at an aligned offset. */
static int nl_keep(struct nl_ctx *nl, const struct nlmsghdr *nlh)
{
	size_t size = NLMSG_ALIGN(nlh->nlmsg_len), new_size;
	char *msgs;

	if (nl->msgs_len + size > nl->msgs_size) {
		new_size = 2 * nl->msgs_size + size;
		msgs = realloc(nl->msgs, new_size);
		if (!msgs) {
			cli_err("out of memory");
			return -1;
		}
		nl->msgs = msgs;
		nl->msgs_size = new_size;
	}
	memset(nl->msgs + nl->msgs_len, 0, size);
	memcpy(nl->msgs + nl->msgs_len, nlh, nlh->nlmsg_len);
	nl->msgs_len += size;
	return 0;
}

/*
 * Send the request and keep its answer in @nl->msgs, or with @cb, hand
 * each message to @cb as it arrives instead (@cb returns as for
 * nl_talk(); MNL_CB_STOP leaves the rest of the answer unread). Return 0,
 * the errno the kernel answered (in @nl->ack, not yet printed), or -1
 * after printing what failed. @intr tells whether the kernel flagged the
 * dump as interrupted by a change.
 */
static int nl_send_recv(struct nl_ctx *nl, bool *intr, mnl_cb_t cb,
			void *data)
{
	struct nlmsghdr *req = (struct nlmsghdr *)nl->req;
	const struct nlmsghdr *nlh;
	ssize_t len;
	int rem, ret;

	req->nlmsg_seq = ++nl->seq;
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0) {
		cli_err("cannot send to the kernel: %s", strerror(errno));
		return -1;
	}

	nl->msgs_len = 0;
	*intr = false;
	for (;;) {
		len = nl_recv(nl);
		if (len < 0) {
			cli_err("cannot receive from the kernel: %s",
				strerror(-len));
			return -1;
		}
		nlh = (const struct nlmsghdr *)nl->rbuf;
		rem = len;
		for (; mnl_nlmsg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
			/* leftovers of an earlier request */
			if (nlh->nlmsg_seq != nl->seq ||
			    nlh->nlmsg_pid != nl->portid)
				continue;
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				*intr = true;
			switch (nlh->nlmsg_type) {
			case NLMSG_ERROR:
			case NLMSG_DONE:
				return nl_parse_end(nl, nlh);
			case NLMSG_OVERRUN:
				cli_err("the kernel's answer overran");
				return -1;
			}
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
				continue;
			if (!cb) {
				if (nl_keep(nl, nlh))
					return -1;
				continue;
			}
			ret = cb(nlh, data);
			if (ret == MNL_CB_ERROR)
				return -1;
			if (ret == MNL_CB_STOP)
				return 0;
		}
	}
}

/* nl_talk() without printing the kernel's error: see nl_send_recv(). */
static int nl_exchange(struct nl_ctx *nl, mnl_cb_t cb, void *data)
{
	const struct nlmsghdr *req = (const struct nlmsghdr *)nl->req;
	const struct nlmsghdr *nlh;
	unsigned int tries = 0;
	bool intr;
	int ret, len;

	do {
		ret = nl_send_recv(nl, &intr, NULL, NULL);
		if (ret)
			return ret;
		if (!(req->nlmsg_flags & NLM_F_DUMP))
			intr = false;
	} while (intr && ++tries < NL_DUMP_TRIES);
	if (intr) {
		cli_err("the kernel interrupted the dump %u times, giving up",
			tries);
		return -1;
	}

	nlh = (const struct nlmsghdr *)nl->msgs;
	len = nl->msgs_len;
	for (; cb && mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		ret = cb(nlh, data);
		if (ret == MNL_CB_ERROR)
			return -1;
		if (ret == MNL_CB_STOP)
			break;
	}
	return 0;
}

/*
 * The attribute that starts at @target, looked for among the attributes
 * from @p to @end and inside them; its types from the outermost one down
 * go to @path, whose first *@depth entries are already filled.
 */
static const struct nlattr *nl_find_attr(const char *p, const char *end,
					 const char *target, uint16_t *path,
					 unsigned int *depth)
{
	const struct nlattr *attr = (const struct nlattr *)p;
	const char *a;

	for (; mnl_attr_ok(attr, end - (const char *)attr);
	     attr = mnl_attr_next(attr)) {
		a = (const char *)attr;
		if (target < a || target >= a + attr->nla_len)
			continue;
		if (*depth >= NL_PATH_MAX)
			return NULL;
		path[(*depth)++] = mnl_attr_get_type(attr);
		if (target == a)
			return attr;
		return nl_find_attr(mnl_attr_get_payload(attr),
				    a + attr->nla_len, target, path, depth);
	}
	return NULL;
}

/* The attribute at byte @off of the request, see nl_find_attr(). */
static const struct nlattr *nl_req_attr(struct nl_ctx *nl, uint32_t off,
					uint16_t *path, unsigned int *depth)
{
	const struct nlmsghdr *req = (const struct nlmsghdr *)nl->req;
	const char *base = (const char *)req;

	*depth = 0;
	if (off >= req->nlmsg_len)
		return NULL;
	return nl_find_attr(mnl_nlmsg_get_payload_offset(req, GENL_HDRLEN),
			    base + req->nlmsg_len, base + off, path, depth);
}

static void nl_attr_name(char *buf, size_t size, const uint16_t *path,
			 unsigned int depth,
			 const char *(*attr_name)(const uint16_t *path,
						  unsigned int depth))
{
	const char *name = attr_name ? attr_name(path, depth) : NULL;
	size_t len;
	unsigned int i;

	if (name) {
		snprintf(buf, size, "%s", name);
		return;
	}
	len = snprintf(buf, size, "attribute ");
	for (i = 0; i < depth && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%u", i ? "." : "",
				path[i]);
}

/* Whether the integer in @attr lies outside the range of @ack. */
static bool nl_out_of_range(const struct nl_ack *ack,
			    const struct nlattr *attr)
{
	const void *p = mnl_attr_get_payload(attr);
	uint64_t u;
	int64_t s;

	switch (mnl_attr_get_payload_len(attr)) {
	case 1:
		u = *(const uint8_t *)p;
		s = *(const int8_t *)p;
		break;
	case 2:
		u = *(const uint16_t *)p;
		s = *(const int16_t *)p;
		break;
	case 4:
		u = *(const uint32_t *)p;
		s = *(const int32_t *)p;
		break;
	case 8:
		memcpy(&u, p, sizeof(u));
		memcpy(&s, p, sizeof(s));
		break;
	default:
		return false;
	}
	if (ack->is_signed)
		return s < (int64_t)ack->min || s > (int64_t)ack->max;
	return u < ack->min || u > ack->max;
}

/*
 * " (err-ratelimit-burst: valid range 1..1000)", " (missing attribute 3)":
 * which attribute of the request the extended ACK blames, if any.
 */
static void nl_where(struct nl_ctx *nl, char *where, size_t size,
		     const char *(*attr_name)(const uint16_t *path,
					      unsigned int depth))
{
	const struct nl_ack *ack = &nl->ack;
	const struct nlattr *attr = NULL;
	uint16_t path[NL_PATH_MAX];
	unsigned int depth = 0;
	char name[64];

	where[0] = '\0';
	if (ack->has_miss) {
		if (ack->has_miss_nest) {
			attr = nl_req_attr(nl, ack->miss_nest, path, &depth);
			if (!attr)
				return;
		}
		if (depth >= NL_PATH_MAX)
			return;
		path[depth++] = ack->miss_type;
		nl_attr_name(name, sizeof(name), path, depth, attr_name);
		snprintf(where, size, " (missing %s)", name);
		return;
	}

	if (!ack->has_offs)
		return;
	attr = nl_req_attr(nl, ack->offs, path, &depth);
	if (!attr)
		return;
	nl_attr_name(name, sizeof(name), path, depth, attr_name);
	if (!ack->has_range || !nl_out_of_range(ack, attr))
		snprintf(where, size, " (%s)", name);
	else if (ack->is_signed)
		snprintf(where, size, " (%s: valid range %lld..%lld)", name,
			 (long long)ack->min, (long long)ack->max);
	else
		snprintf(where, size, " (%s: valid range %llu..%llu)", name,
			 (unsigned long long)ack->min,
			 (unsigned long long)ack->max);
}

/*
 * Print the kernel's error as one line: its message (or strerror) and,
 * when the extended ACK points at an attribute of the request, which one.
 */
static void nl_perror(struct nl_ctx *nl,
		      const char *(*attr_name)(const uint16_t *path,
					       unsigned int depth))
{
	char where[160];

	nl_where(nl, where, sizeof(where), attr_name);
	if (nl->ack.msg[0])
		cli_err("Error: %s%s", nl->ack.msg, where);
	else
		cli_err("%s%s", strerror(nl->ack.error), where);
}

/**
 * nl_talk() - send the request built with nl_request(), read the answer
 * @nl: the socket
 * @cb: called for each message of the answer, in order; it returns
 *	MNL_CB_OK, MNL_CB_STOP to skip the rest, or MNL_CB_ERROR after
 *	printing what is wrong; NULL when only the ACK matters
 * @data: passed to @cb
 * @attr_name: names the attributes of the request for error messages
 *	("err-ratelimit-ms" rather than "attribute 3.1"), may be NULL
 *
 * The callback runs only once the whole answer is in: a request the kernel
 * refuses prints nothing but its error.
 *
 * Return: 0; HMIP_EXIT_KERNEL if the kernel refused the request,
 * HMIP_EXIT_FAILURE on any other error, both after printing it.
 */
int nl_talk(struct nl_ctx *nl, mnl_cb_t cb, void *data,
	    const char *(*attr_name)(const uint16_t *path, unsigned int depth))
{
	int ret = nl_exchange(nl, cb, data);

	if (ret > 0) {
		nl_perror(nl, attr_name);
		return HMIP_EXIT_KERNEL;
	}
	return ret ? HMIP_EXIT_FAILURE : 0;
}

/**
 * nl_try() - nl_talk() without a callback, for a request the kernel may
 *	refuse with an error the caller deals with
 * @nl: the socket
 * @quiet: that error, a positive errno (EEXIST, ENOENT)
 * @attr_name: see nl_talk()
 *
 * Return: as nl_talk(), or -@quiet, without printing anything, when the
 * kernel refused the request with @quiet.
 */
int nl_try(struct nl_ctx *nl, int quiet,
	   const char *(*attr_name)(const uint16_t *path, unsigned int depth))
{
	int ret = nl_exchange(nl, NULL, NULL);

	if (ret == quiet)
		return -quiet;
	if (ret > 0) {
		nl_perror(nl, attr_name);
		return HMIP_EXIT_KERNEL;
	}
	return ret ? HMIP_EXIT_FAILURE : 0;
}

/**
 * nl_stream() - nl_talk() for answers of any size
 * @nl: the socket
 * @cb: called for each message of the answer as it arrives, see nl_talk()
 * @data: passed to @cb
 * @attr_name: see nl_talk()
 *
 * A dump of a large table (a MAP's binding cache) is printed as it comes,
 * in the memory of one datagram, instead of being read whole first. So
 * @cb may already have printed part of the answer when the kernel reports
 * an error, and a dump the kernel flags as interrupted by a change is not
 * read again: a warning says that the list may be inconsistent.
 *
 * Return: as nl_talk().
 */
int nl_stream(struct nl_ctx *nl, mnl_cb_t cb, void *data,
	      const char *(*attr_name)(const uint16_t *path,
				       unsigned int depth))
{
	bool intr = false;
	char *buf;
	int ret;

	/* the kernel fills a dump's datagrams up to the size read last */
	if (nl->rbuf_size < NL_DUMP_BUF) {
		buf = realloc(nl->rbuf, NL_DUMP_BUF);
		if (buf) {
			nl->rbuf = buf;
			nl->rbuf_size = NL_DUMP_BUF;
		}
	}
	ret = nl_send_recv(nl, &intr, cb, data);
	if (ret > 0) {
		nl_perror(nl, attr_name);
		return HMIP_EXIT_KERNEL;
	}
	if (!ret && intr)
		cli_err("Warning: the list changed during the dump, the output may be inconsistent");
	return ret ? HMIP_EXIT_FAILURE : 0;
}

static int nl_parse_attr(const struct nlattr *attr, const struct nlattr **tb,
			 unsigned int max,
			 const enum mnl_attr_data_type *policy)
{
	uint16_t type = mnl_attr_get_type(attr);

	/* newer kernels may send more: skip what this tool does not know */
	if (type > max)
		return 0;
	if (policy[type] != MNL_TYPE_UNSPEC &&
	    mnl_attr_validate(attr, policy[type])) {
		cli_err("malformed answer from the kernel (attribute %u)", type);
		return -1;
	}
	tb[type] = attr;
	return 0;
}

/**
 * nl_parse() - index the attributes of a generic netlink message by type
 * @nlh: the message
 * @tb: where to store them, @max + 1 entries, zeroed by the caller
 * @max: highest type to keep; higher ones are skipped
 * @policy: the libmnl type of each of them, @max + 1 entries;
 *	MNL_TYPE_UNSPEC accepts anything
 *
 * Return: 0, or -1 after printing that the message is malformed.
 */
int nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
	     unsigned int max, const enum mnl_attr_data_type *policy)
{
	const struct nlattr *attr;

	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN) {
		cli_err("malformed answer from the kernel (no genetlink header)");
		return -1;
	}
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN)
		if (nl_parse_attr(attr, tb, max, policy))
			return -1;
	return 0;
}

/* nl_parse() for the attributes inside a nest. */
int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
		    unsigned int max, const enum mnl_attr_data_type *policy)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest)
		if (nl_parse_attr(attr, tb, max, policy))
			return -1;
	return 0;
}

/* An unsigned integer of 4 or 8 bytes: 0, or -1 if its size is wrong. */
int nl_attr_get_uint(const struct nlattr *attr, uint64_t *val)
{
	switch (mnl_attr_get_payload_len(attr)) {
	case sizeof(uint32_t):
		*val = mnl_attr_get_u32(attr);
		return 0;
	case sizeof(uint64_t):
		*val = mnl_attr_get_u64(attr);
		return 0;
	}
	return -1;
}

/* Answer to CTRL_CMD_GETFAMILY: the family's id, version and groups. */
static int nl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = MNL_TYPE_U16,
		[CTRL_ATTR_VERSION] = MNL_TYPE_U32,
		[CTRL_ATTR_MCAST_GROUPS] = MNL_TYPE_NESTED,
	};
	static const enum mnl_attr_data_type grp_policy[CTRL_ATTR_MCAST_GRP_MAX + 1] = {
		[CTRL_ATTR_MCAST_GRP_NAME] = MNL_TYPE_NUL_STRING,
		[CTRL_ATTR_MCAST_GRP_ID] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = {};
	const struct nlattr *grp;
	struct nl_ctx *nl = data;
	const char *name;
	uint32_t version;

	if (nl_parse(nlh, tb, CTRL_ATTR_MAX, policy))
		return MNL_CB_ERROR;
	if (!tb[CTRL_ATTR_FAMILY_ID] || !tb[CTRL_ATTR_VERSION]) {
		cli_err("malformed answer from the kernel (no family id)");
		return MNL_CB_ERROR;
	}
	nl->family = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	version = mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]);
	if (version != HMIP_GENL_VERSION) {
		cli_err("the hmip module speaks netlink version %u, this tool %u",
			version, HMIP_GENL_VERSION);
		return MNL_CB_ERROR;
	}

	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return MNL_CB_OK;
	mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
		const struct nlattr *gtb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};

		if (nl_parse_nested(grp, gtb, CTRL_ATTR_MCAST_GRP_MAX,
				    grp_policy))
			return MNL_CB_ERROR;
		if (!gtb[CTRL_ATTR_MCAST_GRP_NAME] ||
		    !gtb[CTRL_ATTR_MCAST_GRP_ID])
			continue;
		name = mnl_attr_get_str(gtb[CTRL_ATTR_MCAST_GRP_NAME]);
		if (!strcmp(name, HMIP_GENL_MCGRP_EVENTS))
			nl->events_group =
				mnl_attr_get_u32(gtb[CTRL_ATTR_MCAST_GRP_ID]);
		else if (!strcmp(name, HMIP_GENL_MCGRP_EVENTS_ADMIN))
			nl->admin_group =
				mnl_attr_get_u32(gtb[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return MNL_CB_OK;
}

/* the same for every command, so without the command's name */
static const char nl_not_loaded[] =
	"hmip: the hmip kernel module is not loaded (try: modprobe hmip)\n";

static int nl_resolve(struct nl_ctx *nl, const char *family)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = nl_put_header(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family);
	ret = nl_exchange(nl, nl_family_cb, nl);
	if (ret == ENOENT) {
		fputs(nl_not_loaded, stderr);
		return HMIP_EXIT_NO_MODULE;
	}
	if (ret > 0)
		nl_perror(nl, NULL);
	if (ret)
		return HMIP_EXIT_FAILURE;
	if (!nl->family) {
		cli_err("malformed answer from the kernel (no family id)");
		return HMIP_EXIT_FAILURE;
	}
	return 0;
}

/* nl_open() for any family: tests/nl-test.c talks to others. */
static int nl_open_family(struct nl_ctx **nlp, const char *family)
{
	struct nl_ctx *nl;
	int one = 1, ret = HMIP_EXIT_FAILURE;

	nl = calloc(1, sizeof(*nl));
	if (!nl) {
		cli_err("out of memory");
		return HMIP_EXIT_FAILURE;
	}
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock) {
		cli_err("cannot open a netlink socket: %s", strerror(errno));
		goto err;
	}
	/* the extended ACK, without a copy of the request; optional */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		cli_err("cannot bind the netlink socket: %s", strerror(errno));
		goto err;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);

	ret = nl_resolve(nl, family);
	if (ret)
		goto err;
	*nlp = nl;
	return 0;

err:
	nl_close(nl);
	return ret;
}

/**
 * nl_open() - open a generic netlink socket to the hmip family
 * @nlp: where to store it, for nl_close()
 *
 * The command line is read whole by then: cli_enter() enters the network
 * namespace of -n and looks up the interfaces it names first.
 *
 * Return: 0; HMIP_EXIT_NO_MODULE if the hmip module is not loaded; the
 * status of cli_enter(); HMIP_EXIT_FAILURE on any other error. All after
 * printing why.
 */
int nl_open(struct nl_ctx **nlp)
{
	int ret = cli_enter();

	if (ret)
		return ret;
	return nl_open_family(nlp, HMIP_GENL_NAME);
}

void nl_close(struct nl_ctx *nl)
{
	if (!nl)
		return;
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->rbuf);
	free(nl->msgs);
	free(nl);
}

/*
 * Join the "events-admin" group, whose binding events carry the LCoA and
 * the SA, when the kernel lets us (CAP_NET_ADMIN), else "events": the
 * same events, each once.
 */
static int nl_join_events(struct nl_ctx *nl)
{
	const char *name = HMIP_GENL_MCGRP_EVENTS;

	if (nl->admin_group &&
	    !mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP,
				   &nl->admin_group, sizeof(nl->admin_group)))
		return 0;
	if (nl->admin_group && errno != EPERM) {
		name = HMIP_GENL_MCGRP_EVENTS_ADMIN;
		goto err;
	}
	if (!nl->events_group) {
		cli_err("the hmip module has no \"%s\" multicast group", name);
		return HMIP_EXIT_FAILURE;
	}
	if (!mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP,
				   &nl->events_group,
				   sizeof(nl->events_group)))
		return 0;
err:
	cli_err("cannot join the \"%s\" multicast group: %s", name,
		strerror(errno));
	return HMIP_EXIT_FAILURE;
}

/**
 * nl_listen() - join the events group, pass each event to a callback
 * @nl: the socket
 * @cmd: the generic netlink command of the events; others are skipped
 * @cb: called for each event; returns MNL_CB_OK for more, MNL_CB_STOP to
 *	return 0, or MNL_CB_ERROR after printing what is wrong
 * @data: passed to @cb
 *
 * Events lost because the socket's buffer overflowed are reported on
 * stderr; listening goes on.
 *
 * Return: 0 once @cb stops, or HMIP_EXIT_FAILURE after printing the error.
 */
int nl_listen(struct nl_ctx *nl, uint8_t cmd, mnl_cb_t cb, void *data)
{
	const struct genlmsghdr *genl;
	const struct nlmsghdr *nlh;
	ssize_t len;
	int rem, ret;

	ret = nl_join_events(nl);
	if (ret)
		return ret;

	for (;;) {
		len = nl_recv(nl);
		if (len == -ENOBUFS) {
			cli_err("events lost: the socket's receive buffer overflowed");
			continue;
		}
		if (len < 0) {
			cli_err("cannot receive from the kernel: %s",
				strerror(-len));
			return HMIP_EXIT_FAILURE;
		}
		nlh = (const struct nlmsghdr *)nl->rbuf;
		rem = len;
		for (; mnl_nlmsg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
			if (nlh->nlmsg_type != nl->family ||
			    mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
				continue;
			genl = mnl_nlmsg_get_payload(nlh);
			if (genl->cmd != cmd)
				continue;
			ret = cb(nlh, data);
			if (ret == MNL_CB_ERROR)
				return HMIP_EXIT_FAILURE;
			if (ret == MNL_CB_STOP)
				return 0;
		}
	}
}

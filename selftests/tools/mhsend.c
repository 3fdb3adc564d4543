// SPDX-License-Identifier: GPL-2.0
/*
 * mhsend: a mobile node's local Binding Update sent the way a real mobile
 * node sends it, through its own kernel's IPsec: a raw IPPROTO_MH socket,
 * the LCoA as source (IPV6_PKTINFO) and the Home Address option (holding
 * the RCoA) as IPV6_DSTOPTS ancillary data. The kernel builds the IPv6
 * header, looks the flow {LCoA -> MAP, proto 135, type 5} up in the xfrm
 * policies and applies ESP or AH after the Destination Options header
 * (ip6_find_1stfragopt() skips a header holding a Home Address option),
 * which is what RFC 3776 and RFC 4140 section 12.1 describe. scapy's
 * packet sockets would bypass xfrm.
 *
 *   mhsend [-H] [-a ACOA] SRC MAP RCOA SEQ LIFETIME [WAIT]
 *
 * LIFETIME in seconds (sent in 4 s units), flags A and M; with -H, A and H
 * (a home registration: MAP is then the home agent, RCOA the home
 * address). -a adds an
 * Alternate Care-of Address option holding ACOA (RFC 6275 section 6.2.5),
 * as RFC 4877 section 4.1 wants under ESP. With WAIT
 * (seconds), waits on the same socket for the Binding Acknowledgment of
 * that sequence number and prints "ba status S seq N lifetime L"; the
 * socket only gets it when the mobile node's kernel accepted it (type 2
 * routing header state, home address, inbound policy). Exit status 0 when
 * sent (and, with WAIT, answered), 1 otherwise.
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef IPPROTO_MH
#define IPPROTO_MH	135
#endif

#include "csum6.h"

#define MH_TYPE_BU	5
#define MH_TYPE_BA	6

static int addr(const char *s, struct in6_addr *a)
{
	if (inet_pton(AF_INET6, s, a) == 1)
		return 0;
	fprintf(stderr, "mhsend: bad address \"%s\"\n", s);
	return -1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int wait_ba(int fd, unsigned int seq, double secs)
{
	double end = now() + secs;
	uint8_t buf[2048];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	while (now() < end) {
		if (poll(&pfd, 1, (int)((end - now()) * 1000) + 1) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		/* Payload Proto, Header Len, MH Type, reserved, checksum,
		 * status, flags, sequence number, lifetime
		 */
		if (n < 12 || buf[2] != MH_TYPE_BA ||
		    (unsigned int)(buf[8] << 8 | buf[9]) != seq)
			continue;
		printf("ba status %u seq %u lifetime %u\n", buf[6], seq,
		       (buf[10] << 8 | buf[11]) * 4);
		return 0;
	}
	printf("no ba\n");
	return 1;
}

int main(int argc, char *argv[])
{
	union {
		struct cmsghdr hdr;
		uint8_t buf[CMSG_SPACE(sizeof(struct in6_pktinfo)) +
			    CMSG_SPACE(24)];
	} ctl;
	struct in6_addr src, map, rcoa, acoa;
	struct sockaddr_in6 to = { .sin6_family = AF_INET6 };
	struct in6_pktinfo *pi;
	unsigned long seq, lifetime;
	uint8_t mh[32] = { 0 };
	size_t mh_len = 16;
	bool altcoa = false, home = false;
	uint8_t *dst;
	struct cmsghdr *cm;
	struct msghdr msg = { 0 };
	struct iovec iov = { mh, sizeof(mh) };
	uint16_t csum;
	int fd, off = -1;

	for (;;) {
		if (argc > 1 && !strcmp(argv[1], "-H")) {
			home = true;
			argc--;
			argv++;
		} else if (argc > 2 && !strcmp(argv[1], "-a")) {
			if (addr(argv[2], &acoa))
				return 2;
			altcoa = true;
			argc -= 2;
			argv += 2;
		} else {
			break;
		}
	}
	if (argc < 6 || argc > 7) {
		fprintf(stderr, "usage: mhsend [-H] [-a ACOA] SRC MAP RCOA SEQ LIFETIME [WAIT]\n");
		return 2;
	}
	if (addr(argv[1], &src) || addr(argv[2], &map) || addr(argv[3], &rcoa))
		return 2;
	seq = strtoul(argv[4], NULL, 0);
	lifetime = strtoul(argv[5], NULL, 0) / 4;
	if (seq > 0xffff || lifetime > 0xffff) {
		fprintf(stderr, "mhsend: sequence number or lifetime too big\n");
		return 2;
	}

	/* BU: Payload Proto 59, Header Len 1 (16 octets), type 5, seq,
	 * flags A|M (or A|H), lifetime, PadN 2 to fill the 8-octet unit.
	 */
	mh[0] = 59;
	mh[1] = 1;
	mh[2] = MH_TYPE_BU;
	mh[6] = seq >> 8;
	mh[7] = seq;
	mh[8] = home ? 0xc0 : 0x88;
	mh[10] = lifetime >> 8;
	mh[11] = lifetime;
	mh[12] = 1;
	mh[13] = 2;
	if (altcoa) {
		/* Header Len 3: PadN without data, then the option at 8n+6. */
		mh_len = 32;
		mh[1] = 3;
		mh[13] = 0;
		mh[14] = 3;
		mh[15] = 16;
		memcpy(mh + 16, &acoa, 16);
	}
	iov.iov_len = mh_len;
	csum = csum6(&rcoa, &map, IPPROTO_MH, mh, mh_len);
	mh[4] = csum >> 8;
	mh[5] = csum;

	fd = socket(AF_INET6, SOCK_RAW, IPPROTO_MH);
	if (fd < 0) {
		perror("mhsend: socket");
		return 1;
	}
	/* The kernel would sum with the LCoA as source: the checksum is ours. */
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof(off))) {
		perror("mhsend: IPV6_CHECKSUM");
		return 1;
	}

	memset(&ctl, 0, sizeof(ctl));
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof(ctl.buf);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = IPPROTO_IPV6;
	cm->cmsg_type = IPV6_PKTINFO;
	cm->cmsg_len = CMSG_LEN(sizeof(*pi));
	pi = (struct in6_pktinfo *)CMSG_DATA(cm);
	pi->ipi6_addr = src;
	cm = CMSG_NXTHDR(&msg, cm);
	cm->cmsg_level = IPPROTO_IPV6;
	cm->cmsg_type = IPV6_DSTOPTS;
	cm->cmsg_len = CMSG_LEN(24);
	/* Next Header (the kernel fills it in), Hdr Ext Len 2, PadN of 4 so
	 * that the option sits at 8n+6, Home Address option (201, 16).
	 */
	dst = CMSG_DATA(cm);
	dst[1] = 2;
	dst[2] = 1;
	dst[3] = 2;
	dst[6] = 201;
	dst[7] = 16;
	memcpy(dst + 8, &rcoa, 16);

	to.sin6_addr = map;
	msg.msg_name = &to;
	msg.msg_namelen = sizeof(to);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (sendmsg(fd, &msg, 0) < 0) {
		fprintf(stderr, "mhsend: sendmsg: %s\n", strerror(errno));
		return 1;
	}
	if (argc == 7)
		return wait_ba(fd, seq, atof(argv[6]));
	return 0;
}

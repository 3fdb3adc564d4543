// SPDX-License-Identifier: GPL-2.0
/*
 * mhflood: send many local Binding Updates (or ICMPv6 echo requests, for a
 * baseline) as fast as a raw socket allows. The selftests use it where
 * scapy would be far too slow: floods of distinct RCoAs, and the
 * benchmarks' request/response rates.
 *
 *   mhflood bu SRC MAP RCOA COUNT [distinct|refresh] [SEQ] [LIFETIME]
 *   mhflood hbu SRC HA HOME COUNT [distinct|refresh] [SEQ] [LIFETIME]
 *   mhflood mh SRC DST COUNT TYPE[,TYPE...] [NDST]
 *   mhflood echo SRC DST COUNT
 *
 * bu distinct: RCOA, RCOA+1, ... each with sequence number SEQ (new
 * bindings); bu refresh: one RCOA with SEQ, SEQ+1, ... (refreshes). The
 * packets are built whole (IPPROTO_RAW): IPv6, Destination Options with a
 * Home Address option, Mobility Header, with the checksum of RFC 6275
 * section 6.1.1. Prints the packets sent and the seconds it took. hbu is
 * the same with the flags of a home registration (A and H, RFC 6275
 * section 9.5.1) for a home agent: HOME, HOME+1, ... are home addresses,
 * SRC the care-of address.
 *
 * mh: bare Mobility Headers of 24 octets (no Home Address option, so they
 * reach any node's handler) to DST, DST+1, ..., DST+NDST-1 in turn
 * (default 1), each destination getting the types in turn, each packet
 * from another source (SRC+i) so that a receiver that answers (Binding
 * Error) finds a fresh rate limit bucket for many of them. Every error of
 * sendto() is counted and the flood goes on: its receivers come and go
 * (selftests/netns_exit.sh).
 * MHFLOOD_DEV=IFACE sends through IFACE (the scope of link-local
 * destinations).
 *
 * SIGINT or SIGTERM ends the flood early; the summary is printed still.
 *
 * With MHFLOOD_SECONDS=S in the environment it keeps sending for S seconds
 * instead, starting over at the first RCoA after COUNT (sequence numbers
 * keep growing): the benchmarks measure a receiver under constant load.
 * MHFLOOD_PPS=N paces it to N packets a second, so that a receiver that
 * is slower than the sender is not simply overrun.
 */

#include <arpa/inet.h>
#include <signal.h>
#include <stdatomic.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip6.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "csum6.h"

#define BU_LEN		(40 + 24 + 16)
#define ECHO_LEN	(40 + 8 + 8)
#define MH_LEN		(40 + 24)
#define MH_MAX_TYPES	8

static void ip6_header(uint8_t *p, size_t plen, uint8_t nh,
		       const struct in6_addr *src, const struct in6_addr *dst)
{
	memset(p, 0, 40);
	p[0] = 0x60;
	p[4] = plen >> 8;
	p[5] = plen;
	p[6] = nh;
	p[7] = 64;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
}

#define BU_FLAG_A	0x80
#define BU_FLAG_H	0x40
#define BU_FLAG_M	0x08	/* RFC 4140 section 4.1 */

/* A BU with @flags, HAO = @rcoa (the RCoA of a local BU, the home
 * address of a home registration), lifetime in units of 4 s.
 */
static void build_bu(uint8_t *p, const struct in6_addr *lcoa,
		     const struct in6_addr *map, const struct in6_addr *rcoa,
		     uint16_t seq, uint16_t lifetime, uint8_t flags)
{
	uint8_t *dopt = p + 40, *mh = p + 64;
	uint16_t csum;

	ip6_header(p, BU_LEN - 40, 60, lcoa, map);
	memset(dopt, 0, 24);
	dopt[0] = 135;		/* next header: Mobility Header */
	dopt[1] = 2;		/* 24 octets */
	dopt[2] = 1;		/* PadN, 2 octets of padding: HAO at 8n+6 */
	dopt[3] = 2;
	dopt[6] = 0xc9;		/* Home Address option */
	dopt[7] = 16;
	memcpy(dopt + 8, rcoa, 16);
	memset(mh, 0, 16);
	mh[0] = 59;		/* Payload Proto: none */
	mh[1] = 1;		/* 16 octets */
	mh[2] = 5;		/* Binding Update */
	mh[6] = seq >> 8;
	mh[7] = seq;
	mh[8] = flags;
	mh[10] = lifetime >> 8;
	mh[11] = lifetime;
	mh[12] = 1;		/* PadN to the 8-octet boundary */
	mh[13] = 2;
	csum = csum6(rcoa, map, 135, mh, 16);
	mh[4] = csum >> 8;
	mh[5] = csum;
}

/* A bare Mobility Header: Header Len 2 (24 octets) is long enough for
 * every type hmip knows (RFC 6275 section 9.2 checks the length after the
 * type), the rest zero.
 */
static void build_mh(uint8_t *p, const struct in6_addr *src,
		     const struct in6_addr *dst, uint8_t type)
{
	uint8_t *mh = p + 40;
	uint16_t csum;

	ip6_header(p, MH_LEN - 40, 135, src, dst);
	memset(mh, 0, 24);
	mh[0] = 59;		/* Payload Proto: none */
	mh[1] = 2;		/* 24 octets */
	mh[2] = type;
	csum = csum6(src, dst, 135, mh, 24);
	mh[4] = csum >> 8;
	mh[5] = csum;
}

static void build_echo(uint8_t *p, const struct in6_addr *src,
		       const struct in6_addr *dst, uint16_t seq)
{
	uint8_t *icmp = p + 40;
	uint16_t csum;

	ip6_header(p, ECHO_LEN - 40, 58, src, dst);
	memset(icmp, 0, 16);
	icmp[0] = 128;
	icmp[6] = seq >> 8;
	icmp[7] = seq;
	csum = csum6(src, dst, 58, icmp, 16);
	icmp[2] = csum >> 8;
	icmp[3] = csum;
}

static int parse_addr(const char *s, struct in6_addr *a)
{
	if (inet_pton(AF_INET6, s, a) != 1) {
		fprintf(stderr, "mhflood: bad address \"%s\"\n", s);
		return -1;
	}
	return 0;
}

static void add32(struct in6_addr *a, uint32_t n)
{
	uint32_t low;

	memcpy(&low, &a->s6_addr[12], 4);
	low = htonl(ntohl(low) + n);
	memcpy(&a->s6_addr[12], &low, 4);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* SIGINT or SIGTERM: stop and print what was sent. A lock-free atomic,
 * which a signal handler may write.
 */
static atomic_int stop;

static void on_signal(int sig)
{
	(void)sig;
	atomic_store(&stop, 1);
}

static int print_usage(void)
{
	fprintf(stderr,
		"usage: mhflood bu SRC MAP RCOA COUNT [distinct|refresh] [SEQ] [LIFETIME]\n"
		"       mhflood hbu SRC HA HOME COUNT [distinct|refresh] [SEQ] [LIFETIME]\n"
		"       mhflood mh SRC DST COUNT TYPE[,TYPE...] [NDST]\n"
		"       mhflood echo SRC DST COUNT\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct in6_addr src, dst, rcoa, cur, from;
	struct sockaddr_in6 to = { .sin6_family = AF_INET6 };
	uint8_t pkt[BU_LEN], types[MH_MAX_TYPES];
	unsigned long count, i, sent = 0, failed = 0, ndst = 1, ntypes = 0;
	int distinct = 1, bu, mh, fd;
	char *tok, *end;
	uint16_t seq = 1, lifetime = 100;
	uint8_t bu_flags = BU_FLAG_A | BU_FLAG_M;
	size_t len;
	double t0, seconds = 0, pps = 0;
	const char *env;

	if (argc < 5)
		return print_usage();
	bu = !strcmp(argv[1], "bu");
	if (!strcmp(argv[1], "hbu")) {
		bu = 1;
		bu_flags = BU_FLAG_A | BU_FLAG_H;
	}
	mh = !strcmp(argv[1], "mh");
	if (!bu && !mh && strcmp(argv[1], "echo"))
		return print_usage();
	if (parse_addr(argv[2], &src) || parse_addr(argv[3], &dst))
		return 2;
	if (bu) {
		if (argc < 6 || parse_addr(argv[4], &rcoa))
			return print_usage();
		count = strtoul(argv[5], NULL, 0);
		if (argc > 6)
			distinct = strcmp(argv[6], "refresh") != 0;
		if (argc > 7)
			seq = strtoul(argv[7], NULL, 0);
		if (argc > 8)
			lifetime = strtoul(argv[8], NULL, 0);
	} else if (mh) {
		if (argc < 6)
			return print_usage();
		count = strtoul(argv[4], NULL, 0);
		for (tok = strtok(argv[5], ","); tok; tok = strtok(NULL, ",")) {
			if (ntypes == MH_MAX_TYPES)
				return print_usage();
			types[ntypes++] = strtoul(tok, &end, 0);
			if (*end)
				return print_usage();
		}
		if (!ntypes)
			return print_usage();
		if (argc > 6)
			ndst = strtoul(argv[6], NULL, 0);
		if (!ndst)
			return print_usage();
	} else {
		count = strtoul(argv[4], NULL, 0);
	}

	env = getenv("MHFLOOD_SECONDS");
	if (env)
		seconds = strtod(env, NULL);
	env = getenv("MHFLOOD_PPS");
	if (env)
		pps = strtod(env, NULL);
	if (!count)
		return print_usage();

	fd = socket(AF_INET6, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("mhflood: socket");
		return 1;
	}
	env = getenv("MHFLOOD_DEV");
	if (env) {
		to.sin6_scope_id = if_nametoindex(env);
		if (!to.sin6_scope_id ||
		    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, env,
			       strlen(env) + 1)) {
			perror("mhflood: MHFLOOD_DEV");
			return 1;
		}
	}
	to.sin6_addr = dst;
	len = bu ? BU_LEN : mh ? MH_LEN : ECHO_LEN;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	t0 = now();
	for (i = 0; !atomic_load(&stop) &&
	     (seconds ? now() - t0 < seconds : i < count); i++) {
		if (bu) {
			cur = rcoa;
			if (distinct)
				add32(&cur, i % count);
			build_bu(pkt, &src, &dst, &cur,
				 distinct ? seq : (uint16_t)(seq + i), lifetime,
				 bu_flags);
		} else if (mh) {
			from = src;
			add32(&from, i);
			to.sin6_addr = dst;
			add32(&to.sin6_addr, i % ndst);
			/* Each destination gets every type. */
			build_mh(pkt, &from, &to.sin6_addr,
				 types[i / ndst % ntypes]);
		} else {
			build_echo(pkt, &src, &dst, (uint16_t)i);
		}
		if (pps > 0 && !(i % 64)) {
			double ahead = i / pps - (now() - t0);

			if (ahead > 0)
				usleep(ahead * 1e6);
		}
		if (sendto(fd, pkt, len, 0, (struct sockaddr *)&to,
			   sizeof(to)) < 0) {
			/* A full queue is the point of a flood: go on; so
			 * is a receiver gone (mh).
			 */
			if (mh || errno == ENOBUFS || errno == EAGAIN) {
				failed++;
				continue;
			}
			perror("mhflood: sendto");
			return 1;
		}
		sent++;
	}
	printf("sent %lu in %.3f s", sent, now() - t0);
	if (failed)
		printf(", %lu not sent", failed);
	printf("\n");
	close(fd);
	return 0;
}

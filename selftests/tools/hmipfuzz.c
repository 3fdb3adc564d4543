// SPDX-License-Identifier: GPL-2.0
/*
 * hmipfuzz: a structure-aware fuzzer for hmip. Three generators, each of
 * which knows the wire format it mutates, so that most inputs are nearly
 * valid and reach the code behind the first checks:
 *
 *   mh    Mobility Headers (RFC 6275 sections 6.1 and 6.2) of every type,
 *         0 to 17 and unknown ones, with every mobility option (Pad1, PadN,
 *         Binding Refresh Advice, Alternate Care-of Address, Nonce
 *         Indices, Binding Authorization Data, unknown, truncated,
 *         overlong), with and without a Home Address option and a type 2
 *         routing header, sometimes fragmented; Header Len, Payload Proto,
 *         lengths and checksums mutated (mostly right checksums, so that
 *         the messages get past validation). Sent whole through an
 *         IPPROTO_RAW socket, as mhflood sends.
 *   ra    router advertisements (RFC 4861 section 4.2) with MAP options
 *         (RFC 4140 section 5: every length, Dist 0-15, R flag, reserved
 *         bits, lifetimes, addresses of every kind) among prefix and other
 *         options, hop limit 255 from a link-local source (and sometimes
 *         not), on the interfaces given.
 *   genl  generic netlink requests to the hmip family (its id resolved
 *         through nlctrl) in each namespace given: every command of
 *         include/uapi/linux/hmip.h and beyond, attributes of every type
 *         with wrong sizes, nested garbage, huge and zero values.
 *
 *   hmipfuzz [OPTION]... COUNT
 *
 *   --seed N            the run's seed (default: random); printed
 *   --first I           start at input I: input I is the same whatever
 *                       came before it (each has a generator of its own
 *                       seeded from the seed and I), so "--first I 1"
 *                       replays input I of a run alone
 *   --mix MH,RA,GENL    how many of each in every MH+RA+GENL inputs
 *                       (default 1,1,1)
 *   --mh NAME=ADDR      a destination of Mobility Headers
 *   --mh-rh2 NAME=DST,HOME[,SRC]
 *                       a destination reached with a type 2 routing header
 *                       holding HOME (a mobile node's LCoA and RCoA), half
 *                       the time from SRC (its MAP)
 *   --addr ADDR         an address the packets name (sources, home
 *                       addresses, MAP options, Binding Errors)
 *   --rcoa-prefix ADDR  a MAP's /64: home addresses are drawn from its
 *                       first 512 addresses, mostly from the first 8
 *   --ra-if IFNAME      an interface to send router advertisements on
 *   --genl NETNS        a namespace (a path, as /run/netns/NAME) for the
 *                       generic netlink requests (default: this one)
 *   --genl-addr ADDR    an address the requests may name (one of the
 *                       namespaces' own: MAPs are added at it)
 *   --genl-ifindex N    an interface index the requests may name
 *   --stats FILE        counts of what was sent and answered, NAME VALUE
 *   --kmsg N            a line in the kernel log every N inputs (default
 *                       1000; 0: none), so that a kernel report on the
 *                       console comes after the number of the input that
 *                       was being sent
 *   --print             a line per input: its number, generator and bytes
 *   --pcap FILE         the packets, as a capture file (LINKTYPE_RAW)
 *   --dry               build, do not send
 *
 * The addresses and interfaces given are what makes the inputs reach the
 * roles: the fuzzer names nothing else but random addresses. Exit status 0
 * when every input was built and sent (or refused by the sending kernel,
 * counted), and every request was answered.
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <linux/hmip.h>

#include "csum6.h"

#ifndef IPPROTO_MH
#define IPPROTO_MH		135
#endif
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK		11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK		10
#endif
#ifndef NLMSGERR_ATTR_MSG
#define NLMSGERR_ATTR_MSG	1
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define fallthrough	__attribute__((__fallthrough__))

#define MAX_TARGETS	16
#define MAX_ADDRS	64
#define PKT_MAX		1400

/* Mobility option types (RFC 6275 section 6.2). */
#define MHO_PAD1	0
#define MHO_PADN	1
#define MHO_BRA		2
#define MHO_ALTCOA	3
#define MHO_NONCE	4
#define MHO_AUTH	5

#define ND_RA		134
#define ND_OPT_SLLA	1
#define ND_OPT_PREFIX	3
#define ND_OPT_MTU	5
#define ND_OPT_ADVINT	7
#define ND_OPT_HAINFO	8
#define ND_OPT_MAP	23

/* ------------------------------------------------------------ randomness */

/* splitmix64: each input seeds one from (seed, input number). */
struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(struct rng *r, uint32_t n)
{
	return n ? rnd(r) % n : 0;
}

/* True @pct times in a hundred. */
static bool pct(struct rng *r, unsigned int pct)
{
	return below(r, 100) < pct;
}

static void rnd_bytes(struct rng *r, uint8_t *p, size_t n)
{
	while (n--)
		*p++ = rnd(r);
}

/* Values at and around the edges of a field, or anything. */
static uint32_t rnd_edge32(struct rng *r, uint32_t lo, uint32_t hi)
{
	switch (below(r, 10)) {
	case 0: return lo;
	case 1: return hi;
	case 2: return lo - 1;
	case 3: return hi + 1;
	case 4: return 0;
	case 5: return 0xffffffff;
	case 6: return 1U << below(r, 32);
	case 7: return rnd(r);
	default: return lo + below(r, hi - lo + 1);
	}
}

/* --------------------------------------------------------- configuration */

struct target {
	char name[16];
	struct in6_addr dst;
	struct in6_addr home;	/* type 2 routing header, when rh2 */
	struct in6_addr src;	/* who it expects them from, when have_src */
	bool rh2, have_src;
};

struct genl_ns {
	char path[256];
	int fd;
	uint16_t family;
};

static struct {
	uint64_t seed;
	unsigned long first, count;
	unsigned int mix[3];
	struct target mh[MAX_TARGETS];
	unsigned int n_mh;
	struct in6_addr addr[MAX_ADDRS];
	unsigned int n_addr;
	struct in6_addr rcoa_prefix;
	bool have_prefix;
	int ra_if[MAX_TARGETS];
	char ra_name[MAX_TARGETS][IF_NAMESIZE];
	unsigned int n_ra;
	struct genl_ns genl[MAX_TARGETS];
	unsigned int n_genl;
	struct in6_addr genl_addr[MAX_ADDRS];
	unsigned int n_genl_addr;
	uint32_t genl_ifindex[MAX_ADDRS];
	unsigned int n_genl_ifindex;
	const char *stats;
	FILE *pcap;
	unsigned long kmsg_every;
	bool print, dry;
} cfg = {
	.mix = { 1, 1, 1 },
	.kmsg_every = 1000,
};

/* What happened, for the summary and --stats. */
static struct {
	unsigned long mh, mh_to[MAX_TARGETS], mh_refused, mh_frag, mh_hao,
		      mh_rh2, mh_bad_csum;
	unsigned long mh_type[256];
	unsigned long ra, ra_on[MAX_TARGETS], ra_refused, ra_hookable[MAX_TARGETS],
		      ra_map_opts;
	unsigned long genl, genl_ok, genl_err, genl_err_msg, genl_err_core,
		      genl_unclear, genl_noanswer, genl_replies;
	unsigned long genl_cmd_ok[256];
} st;

static int raw_fd = -1;

/* ------------------------------------------------------------- packets */

struct pkt {
	uint8_t d[PKT_MAX];
	size_t len;
};

static uint8_t *put(struct pkt *p, size_t n)
{
	uint8_t *at = p->d + p->len;

	if (p->len + n > PKT_MAX) {
		/* Generators stay far below; never write past the buffer. */
		fprintf(stderr, "hmipfuzz: packet too long\n");
		exit(1);
	}
	memset(at, 0, n);
	p->len += n;
	return at;
}

static void put_be16(uint8_t *at, uint16_t v)
{
	at[0] = v >> 8;
	at[1] = v;
}

static void put_be32(uint8_t *at, uint32_t v)
{
	at[0] = v >> 24;
	at[1] = v >> 16;
	at[2] = v >> 8;
	at[3] = v;
}

static const struct in6_addr *pick_addr(struct rng *r)
{
	return &cfg.addr[below(r, cfg.n_addr)];
}

/* An address of every kind an attacker might write in a field; from the
 * --addr pool too when @pool.
 */
static void rnd_addr_from(struct rng *r, struct in6_addr *a, bool pool)
{
	memset(a, 0, sizeof(*a));
	switch (below(r, 16)) {
	case 0:		/* :: */
		break;
	case 1:		/* ::1 */
		a->s6_addr[15] = 1;
		break;
	case 2:		/* link-local */
		a->s6_addr[0] = 0xfe;
		a->s6_addr[1] = 0x80;
		rnd_bytes(r, a->s6_addr + 8, 8);
		break;
	case 3:		/* multicast */
		a->s6_addr[0] = 0xff;
		a->s6_addr[1] = below(r, 16);
		a->s6_addr[15] = below(r, 3);
		break;
	case 4:		/* v4-mapped */
		a->s6_addr[10] = 0xff;
		a->s6_addr[11] = 0xff;
		rnd_bytes(r, a->s6_addr + 12, 4);
		break;
	case 5:		/* site-local */
		a->s6_addr[0] = 0xfe;
		a->s6_addr[1] = 0xc0;
		rnd_bytes(r, a->s6_addr + 8, 8);
		break;
	case 6:
		rnd_bytes(r, a->s6_addr, 16);
		break;
	case 7: case 8: case 9:
		/* In the MAP's prefix: an RCoA. */
		if (cfg.have_prefix) {
			*a = cfg.rcoa_prefix;
			put_be16(a->s6_addr + 14, 1 + below(r, 512));
			break;
		}
		fallthrough;
	default:
		if (pool && cfg.n_addr) {
			*a = *pick_addr(r);
			/* A neighbour of it, now and then. */
			if (pct(r, 20))
				a->s6_addr[15] ^= 1 + below(r, 255);
		} else {
			a->s6_addr[0] = 0x20;
			a->s6_addr[1] = 0x01;
			a->s6_addr[2] = 0x0d;
			a->s6_addr[3] = 0xb8;
			rnd_bytes(r, a->s6_addr + 4, 12);
		}
		break;
	}
}

static void rnd_addr(struct rng *r, struct in6_addr *a)
{
	rnd_addr_from(r, a, true);
}

/* A home address: an RCoA of the MAP's prefix mostly, of a few, so that
 * bindings meet again (refreshes, sequence numbers, deregistrations).
 */
static void rnd_home(struct rng *r, struct in6_addr *a)
{
	if (cfg.have_prefix && pct(r, 75)) {
		*a = cfg.rcoa_prefix;
		put_be16(a->s6_addr + 14, 1 + below(r, pct(r, 70) ? 8 : 512));
		return;
	}
	rnd_addr(r, a);
}

static void ip6_header(uint8_t *h, size_t plen, uint8_t nh, uint8_t hlim,
		       const struct in6_addr *src, const struct in6_addr *dst,
		       struct rng *r)
{
	h[0] = 0x60;
	if (pct(r, 10)) {
		/* Traffic class and flow label. */
		h[0] |= below(r, 16);
		h[1] = rnd(r);
		h[2] = rnd(r);
		h[3] = rnd(r);
	}
	put_be16(h + 4, plen);
	h[6] = nh;
	h[7] = hlim;
	memcpy(h + 8, src, 16);
	memcpy(h + 24, dst, 16);
}

static void flip_bits(struct rng *r, uint8_t *p, size_t len)
{
	unsigned int n = 1 + below(r, 4);

	while (len && n--)
		p[below(r, len)] ^= 1 << below(r, 8);
}

/* A record of the capture file (the header is written in main()). */
static void pcap_write(const uint8_t *d, size_t len)
{
	struct timespec ts;
	uint32_t rec[4];

	clock_gettime(CLOCK_REALTIME, &ts);
	rec[0] = ts.tv_sec;
	rec[1] = ts.tv_nsec / 1000;
	rec[2] = len;
	rec[3] = len;
	fwrite(rec, sizeof(rec), 1, cfg.pcap);
	fwrite(d, len, 1, cfg.pcap);
}

static bool send_pkt(const uint8_t *d, size_t len, const struct in6_addr *dst,
		     int ifindex)
{
	struct sockaddr_in6 to = {
		.sin6_family = AF_INET6,
		.sin6_addr = *dst,
		.sin6_scope_id = ifindex,
	};

	if (cfg.pcap)
		pcap_write(d, len);
	if (cfg.dry)
		return true;
	/* Refused here (a length the kernel will not send, a full queue):
	 * counted, and the input is spent.
	 */
	return sendto(raw_fd, d, len, 0, (struct sockaddr *)&to,
		      sizeof(to)) >= 0;
}

static void print_input(unsigned long i, const char *gen, const uint8_t *d,
			size_t len)
{
	size_t k;

	if (!cfg.print)
		return;
	printf("input %lu %s ", i, gen);
	for (k = 0; k < len; k++)
		printf("%02x", d[k]);
	printf("\n");
}

/* ------------------------------------------------------- mobility header */

/* Octets after the 6-octet header of each type's fixed part: RFC 6275
 * 6.1.2-6.1.9, then RFC 5568 (FBU, FBack, FNA, HI, HAck), RFC 5096
 * (Experimental), RFC 5142 (Home Agent Switch), RFC 5847 (Heartbeat),
 * RFC 5846 (Binding Revocation), RFC 6705 (Localized Routing Init).
 */
static const uint8_t mh_fixed[18] = {
	[0] = 2, [1] = 10, [2] = 10, [3] = 18, [4] = 18, [5] = 6, [6] = 6,
	[7] = 18, [8] = 6, [9] = 6, [10] = 2, [11] = 2, [12] = 2, [13] = 6,
	[14] = 4, [15] = 4, [16] = 6, [17] = 6,
};

/* Sequence numbers around the edges of the 16-bit space. */
static uint16_t rnd_seq(struct rng *r)
{
	static const uint16_t edge[] = { 0, 1, 2, 3, 0x7fff, 0x8000, 0x8001,
					 0xfffe, 0xffff };

	if (pct(r, 50))
		return edge[below(r, ARRAY_SIZE(edge))];
	return rnd(r);
}

static uint16_t rnd_lifetime16(struct rng *r)
{
	static const uint16_t edge[] = { 0, 1, 2, 25, 100, 150, 0x7fff, 0xffff };

	if (pct(r, 70))
		return edge[below(r, ARRAY_SIZE(edge))];
	return rnd(r);
}

/* The fixed part of @type at @f, @n octets. */
static void mh_fill_fixed(struct rng *r, uint8_t type, uint8_t *f, size_t n)
{
	struct in6_addr a;

	rnd_bytes(r, f, n);
	switch (type) {
	case 0:		/* BRR: reserved */
		if (pct(r, 80))
			memset(f, 0, 2);
		break;
	case 5:		/* BU: sequence, A H L K M R P flags, lifetime */
	case 8:		/* FBU: the same layout */
		put_be16(f, rnd_seq(r));
		f[2] = pct(r, 70) ? 0x88 : rnd(r);	/* A|M */
		f[3] = pct(r, 80) ? 0 : rnd(r);
		if (type == 5 && pct(r, 60))
			f[2] = 0x88 | (pct(r, 10) ? 0x40 : 0);
		/* Lifetime 0: a deregistration. */
		put_be16(f + 4, pct(r, 25) ? 0 : rnd_lifetime16(r));
		break;
	case 6:		/* BA: status, K R P flags, sequence, lifetime */
	case 9:		/* FBack */
		/* Accepted, refused, or out of the sequence window. */
		if (pct(r, 25))
			f[0] = 0;
		else if (pct(r, 33))
			f[0] = 128 + below(r, 10);
		else if (pct(r, 50))
			f[0] = 135;
		if (pct(r, 80))
			f[1] = 0;
		put_be16(f + 2, rnd_seq(r));
		put_be16(f + 4, rnd_lifetime16(r));
		break;
	case 7:		/* BE: status, reserved, home address */
		f[0] = pct(r, 80) ? 1 + below(r, 2) : rnd(r);
		if (n >= 18) {
			rnd_home(r, &a);
			memcpy(f + 2, &a, 16);
		}
		break;
	default:
		break;
	}
}

static void mh_pad(struct rng *r, uint8_t *o, size_t n)
{
	if (n == 1) {
		o[0] = MHO_PAD1;
		return;
	}
	o[0] = MHO_PADN;
	o[1] = n - 2;
	/* PadN's data is zero; a receiver must ignore it anyway. */
	if (pct(r, 5))
		rnd_bytes(r, o + 2, n - 2);
}

/* The mobility options with a format (RFC 6275 6.2): alignment xn+y and
 * length.
 */
static const struct {
	uint8_t x, y, len;
} mho_format[] = {
	[MHO_BRA] = { 2, 0, 2 },
	[MHO_ALTCOA] = { 8, 6, 16 },
	[MHO_NONCE] = { 2, 0, 4 },
	[MHO_AUTH] = { 8, 2, 12 },
};

/* Options after the fixed part, from @mh_start: mostly each at the
 * alignment it requires and of its length, padded to a multiple of 8
 * octets at the end; sometimes broken.
 */
static void mh_options(struct rng *r, struct pkt *p, size_t mh_start)
{
	unsigned int n = below(r, 5), k;
	struct in6_addr a;
	uint8_t *o;

	for (k = 0; k < n; k++) {
		size_t off = p->len - mh_start, want, mod = 1, y = 0;
		unsigned int type = below(r, 10), len;

		if (type == MHO_PAD1) {
			*put(p, 1) = MHO_PAD1;
			continue;
		}
		if (type == MHO_PADN) {
			len = below(r, 8);
			mh_pad(r, put(p, 2 + len), 2 + len);
			continue;
		}
		if (type <= MHO_AUTH) {
			mod = mho_format[type].x;
			y = mho_format[type].y;
			/* Of its length mostly; shorter, longer. */
			len = pct(r, 85) ? mho_format[type].len :
			      below(r, 3 * mho_format[type].len + 1);
		} else {
			/* Unknown types, any length. */
			type = 6 + below(r, 250);
			len = below(r, 24);
		}
		want = (y + mod - off % mod) % mod;
		if (want && pct(r, 90))
			mh_pad(r, put(p, want), want);
		o = put(p, 2 + len);
		o[0] = type;
		o[1] = len;
		rnd_bytes(r, o + 2, len);
		if (type == MHO_BRA && len >= 2 && pct(r, 50))
			put_be16(o + 2, rnd_lifetime16(r));
		if (type == MHO_ALTCOA && len >= 16) {
			rnd_addr(r, &a);
			memcpy(o + 2, &a, 16);
		}
	}
	/* Truncated: an option announcing more than is left. */
	if (pct(r, 4)) {
		o = put(p, 2);
		o[0] = below(r, 8);
		o[1] = 1 + below(r, 64);
	}
	/* To the 8-octet boundary, mostly as options. */
	k = (8 - (p->len - mh_start) % 8) % 8;
	if (k) {
		if (pct(r, 92))
			mh_pad(r, put(p, k), k);
		else
			rnd_bytes(r, put(p, k), k);
	}
}

/* Destination Options with a Home Address option at 8n+6 (RFC 6275 6.3),
 * or something like it.
 */
static void dst_opts_hao(struct rng *r, struct pkt *p, uint8_t nh,
			 const struct in6_addr *home)
{
	size_t start = p->len;
	uint8_t *o;

	o = put(p, 2);
	o[0] = nh;
	if (pct(r, 5)) {
		/* An unknown option whose action bits skip, discard, or
		 * answer with a Parameter Problem.
		 */
		o = put(p, 4);
		o[0] = below(r, 4) << 6 | 0x1e;
		o[1] = 2;
	}
	/* Pad to 8n+6. */
	while ((p->len - start) % 8 != 6) {
		size_t pad = (6 - (p->len - start) % 8 + 8) % 8;

		o = put(p, pad);
		if (pad == 1) {
			o[0] = 0;
		} else {
			o[0] = 1;
			o[1] = pad - 2;
		}
	}
	o = put(p, 18);
	o[0] = 0xc9;			/* Home Address */
	o[1] = pct(r, 95) ? 16 : below(r, 24);
	memcpy(o + 2, home, 16);
	if (o[1] != 16 && pct(r, 50))
		o[1] = 16 + 8;		/* runs past the header */
	if (pct(r, 3)) {
		/* A second one. */
		o = put(p, 8);
		o[0] = 1;
		o[1] = 4;
		o[6] = 0xc9;
		o[7] = 0;
	}
	/* The header is a multiple of 8 octets. */
	while ((p->len - start) % 8)
		*put(p, 1) = 0;
	p->d[start + 1] = (p->len - start) / 8 - 1;
}

static void rh2_header(struct rng *r, struct pkt *p, uint8_t nh,
		       const struct in6_addr *home)
{
	uint8_t *h = put(p, 24);

	h[0] = nh;
	h[1] = 2;			/* 24 octets */
	h[2] = 2;			/* type 2 */
	h[3] = 1;			/* segments left */
	memcpy(h + 8, home, 16);
	if (pct(r, 5))
		h[3] = below(r, 3);
	if (pct(r, 3))
		h[2] = below(r, 5);
	if (pct(r, 3))
		h[4] = rnd(r);
}

struct mh_plan {
	const struct target *t;
	struct in6_addr src, dst, home;
	bool hao, rh2;
	int frag;			/* 0, 1 atomic, 2 in two */
};

/* Every type, mostly those something here handles. */
static uint8_t mh_pick_type(struct rng *r)
{
	if (pct(r, 40))
		return pct(r, 60) ? 5 : 6;
	return pct(r, 92) ? below(r, 18) : 18 + below(r, 238);
}

/* The Mobility Header message, from its first octet, into @p. */
static void mh_message(struct rng *r, struct pkt *p, uint8_t type)
{
	size_t start = p->len, fixed, k;
	uint8_t *h;

	fixed = type < 18 ? mh_fixed[type] : 2 + 2 * below(r, 8);
	h = put(p, 6 + fixed);
	h[0] = IPPROTO_NONE;
	h[2] = type;
	if (pct(r, 5))
		h[3] = rnd(r);
	mh_fill_fixed(r, type, h + 6, fixed);
	if (pct(r, 3))
		/* Cut short of the fixed part. */
		p->len = start + 6 + below(r, fixed + 1);
	if (pct(r, 85))
		mh_options(r, p, start);
	else
		while ((p->len - start) % 8)
			*put(p, 1) = pct(r, 50) ? 0 : rnd(r);
	/* Header Len: 8-octet units after the first 8. */
	h = p->d + start;
	h[1] = (p->len - start) / 8 - 1;
	/* Header Len and Payload Proto mutated. */
	switch (below(r, 40)) {
	case 0:
		h[1] = 0;
		break;
	case 1:
		h[1]++;
		break;
	case 2:
		h[1] -= !!h[1];
		break;
	case 3:
		h[1] = rnd(r);
		break;
	case 4:
		h[0] = rnd(r);
		break;
	case 5:		/* TCP, UDP */
		h[0] = 6 + 11 * below(r, 2);
		break;
	case 6:		/* Octets past Header Len: ignored. */
		k = 1 + below(r, 16);
		rnd_bytes(r, put(p, k), k);
		break;
	default:
		break;
	}
	if (pct(r, 4))
		flip_bits(r, p->d + start + 6, p->len - start - 6);
}

static void mh_input(unsigned long i, struct rng *r)
{
	struct pkt p = { .len = 0 };
	struct mh_plan pl = { 0 };
	struct in6_addr csrc, cdst;
	size_t ext, mh_at, mh_len, csum_len;
	unsigned int ti = below(r, cfg.n_mh);
	uint8_t type, *nhp, hlim = 64;
	size_t nh_off;
	uint16_t csum;

	pl.t = &cfg.mh[ti];
	pl.dst = pl.t->dst;
	pl.rh2 = pl.t->rh2 ? pct(r, 85) : pct(r, 4);
	if (pl.rh2)
		pl.home = pl.t->rh2 ? pl.t->home : *pick_addr(r);
	type = mh_pick_type(r);
	/* A MAP reads a Binding Update's RCoA in the option. */
	pl.hao = pct(r, pl.t->rh2 ? 20 : type == 5 ? 85 : 60);
	if (pl.hao) {
		/* The care-of address is the source: mostly one of the
		 * addresses given, which a MAP may take for an LCoA.
		 */
		if (cfg.n_addr && pct(r, 60))
			pl.src = *pick_addr(r);
		else
			rnd_addr(r, &pl.src);
		rnd_home(r, &csrc);
	} else {
		rnd_addr(r, &pl.src);
		if (pl.t->have_src && pct(r, 50))
			pl.src = pl.t->src;
		csrc = pl.src;
	}
	if (pct(r, 3))
		pl.frag = 1 + below(r, 2);
	if (pct(r, 3))
		hlim = pct(r, 50) ? 255 : below(r, 3);

	/* IPv6 / [RH2] / [DestOpt(HAO)] / [Fragment] / MH */
	put(&p, 40);
	nhp = &p.d[6];
	if (pl.rh2) {
		*nhp = IPPROTO_ROUTING;
		rh2_header(r, &p, 0, &pl.home);
		nhp = &p.d[p.len - 24];
	}
	if (pl.hao) {
		size_t at = p.len;

		*nhp = IPPROTO_DSTOPTS;
		dst_opts_hao(r, &p, 0, &csrc);
		nhp = &p.d[at];
	}
	*nhp = IPPROTO_MH;
	nh_off = nhp - p.d;
	ext = p.len;
	mh_at = p.len;
	mh_message(r, &p, type);
	mh_len = p.len - mh_at;

	/* The checksum with RFC 6275 6.1.1's pseudo-header: the home
	 * address and the final destination, over what Header Len
	 * announces (the receiver ignores what follows).
	 */
	cdst = pl.rh2 ? pl.home : pl.dst;
	csum_len = ((size_t)p.d[mh_at + 1] + 1) * 8;
	if (csum_len > mh_len)
		csum_len = mh_len;
	if (mh_len >= 6) {
		csum = csum6(&csrc, &cdst, IPPROTO_MH, p.d + mh_at, csum_len);
		switch (below(r, 40)) {
		case 0:
			csum = 0;
			st.mh_bad_csum++;
			break;
		case 1:
			csum = rnd(r);
			st.mh_bad_csum++;
			break;
		case 2:	/* the care-of address in the pseudo-header */
			csum = csum6(&pl.src, &cdst, IPPROTO_MH, p.d + mh_at,
				     csum_len);
			st.mh_bad_csum++;
			break;
		default:
			break;
		}
		put_be16(p.d + mh_at + 4, csum);
		if (pct(r, 2)) {
			flip_bits(r, p.d + mh_at, mh_len);
			st.mh_bad_csum++;
		}
	}
	ip6_header(p.d, p.len - 40, p.d[6], hlim, &pl.src, &pl.dst, r);
	if (pct(r, 2))
		put_be16(p.d + 4, p.len - 40 + (pct(r, 50) ? 8 : -8));

	st.mh++;
	st.mh_to[ti]++;
	st.mh_type[type]++;
	st.mh_hao += pl.hao;
	st.mh_rh2 += pl.rh2;

	if (pl.frag) {
		/* Fragment header after the unfragmentable part (RFC 8200
		 * 4.5; the Home Address option's header before it, RFC 6275
		 * 6.3); one atomic fragment, or the message in two.
		 */
		struct pkt f = { .len = 0 };
		uint32_t id = rnd(r);
		size_t first = pl.frag == 2 ? (mh_len / 2) & ~(size_t)7 : 0;
		size_t parts = pl.frag == 2 && first ? 2 : 1, k;
		bool ok = true;

		st.mh_frag++;
		for (k = 0; k < parts; k++) {
			size_t off = k ? first : 0;
			size_t n = parts == 1 ? mh_len : k ? mh_len - first : first;
			uint8_t *fh;

			f.len = 0;
			memcpy(put(&f, ext), p.d, ext);
			/* The header before it announces the fragment
			 * header.
			 */
			f.d[nh_off] = IPPROTO_FRAGMENT;
			fh = put(&f, 8);
			fh[0] = IPPROTO_MH;
			put_be16(fh + 2, off | (k + 1 < parts ? 1 : 0));
			put_be32(fh + 4, id);
			memcpy(put(&f, n), p.d + mh_at + off, n);
			put_be16(f.d + 4, f.len - 40);
			print_input(i, "mh-frag", f.d, f.len);
			ok &= send_pkt(f.d, f.len, &pl.dst, 0);
		}
		if (!ok)
			st.mh_refused++;
		return;
	}
	print_input(i, "mh", p.d, p.len);
	if (!send_pkt(p.d, p.len, &pl.dst, 0))
		st.mh_refused++;
}

/* ------------------------------------------------- router advertisement */

static void ra_map_option(struct rng *r, struct pkt *p)
{
	static const uint32_t life[] = { 0, 1, 2, 10, 60, 600, 3600, 86400,
					 0x7fffffff, 0xffffffff };
	struct in6_addr a;
	unsigned int len = 3, k;
	uint8_t *o;

	/* Length 3, or 0, 1, 2, 4, 5, 6. */
	if (pct(r, 15))
		len = pct(r, 33) ? 0 : pct(r, 50) ? 1 + below(r, 2) :
		      4 + below(r, 3);
	/* Length 0: ndisc drops the whole advertisement; write 8 octets. */
	o = put(p, len ? len * 8 : 8);
	o[0] = ND_OPT_MAP;
	o[1] = len;
	/* Dist 1-3 mostly (a real hierarchy), 0 and 15 at the edges. */
	o[2] = (pct(r, 60) ? 1 + below(r, 3) : below(r, 16)) << 4 | below(r, 16);
	o[3] = pct(r, 85) ? 0x80 : 0;
	if (pct(r, 10))
		o[3] |= below(r, 128);
	if (len >= 1)
		put_be32(o + 4, pct(r, 80) ? life[below(r, 10)] : rnd(r));
	if (len >= 3) {
		/* The mobile node's own MAP (a target's SRC) often, so that
		 * it chooses it again and again among the others.
		 */
		k = below(r, cfg.n_mh);
		if (cfg.mh[k].have_src && pct(r, 50))
			a = cfg.mh[k].src;
		else if (cfg.n_addr && pct(r, 60))
			a = *pick_addr(r);
		else
			rnd_addr(r, &a);
		memcpy(o + 8, &a, 16);
	}
	st.ra_map_opts++;
}

static void ra_prefix_option(struct rng *r, struct pkt *p)
{
	uint8_t *o = put(p, 32);
	bool odd = false;

	o[0] = ND_OPT_PREFIX;
	o[1] = 4;
	o[2] = 64;
	if (pct(r, 10)) {
		o[2] = below(r, 256);
		odd = true;
	}
	o[3] = pct(r, 85) ? 0xc0 : rnd(r);	/* L, A */
	/* Short lifetimes: the prefixes of the fuzz go again. */
	put_be32(o + 4, pct(r, 90) ? 10 + below(r, 120) : rnd_edge32(r, 0, 7200));
	put_be32(o + 8, below(r, 60));
	/* 2001:db8:aN::/64: the mobile node's own link (N = 1) or others. */
	o[16] = 0x20;
	o[17] = 0x01;
	o[18] = 0x0d;
	o[19] = 0xb8;
	o[20] = 0xa0 + below(r, 9);
	if (pct(r, 5)) {
		rnd_bytes(r, o + 16, 16);
		odd = true;
	}
	/* Only the links' own /64s on-link: 2000::/3 on-link would take
	 * the node's MAP for a neighbour for as long as the route lives.
	 */
	if (odd)
		o[3] &= ~0x80;
}

static void ra_input(unsigned long i, struct rng *r)
{
	static const uint16_t rtr_life[] = { 0, 1, 30, 1800, 9000, 0xffff };
	struct pkt p = { .len = 0 };
	struct in6_addr src = { 0 }, dst = { 0 };
	unsigned int ii = below(r, cfg.n_ra), n, k;
	uint8_t hlim = 255, *ra, *o;
	bool hookable;

	/* From one of a few routers' link-local addresses, mostly. */
	switch (below(r, 40)) {
	case 0:
		rnd_addr(r, &src);
		break;
	case 1:
		break;			/* :: */
	default:
		src.s6_addr[0] = 0xfe;
		src.s6_addr[1] = 0x80;
		src.s6_addr[13] = 0x0f;
		src.s6_addr[15] = 1 + below(r, 8);
		break;
	}
	dst.s6_addr[0] = 0xff;
	dst.s6_addr[1] = 0x02;
	dst.s6_addr[15] = pct(r, 95) ? 1 : 2;
	if (pct(r, 6))
		hlim = rnd(r);

	put(&p, 40);
	ra = put(&p, 16);
	ra[0] = ND_RA;
	if (pct(r, 3))
		ra[1] = 1 + below(r, 255);
	/* Current hop limit: unspecified mostly (a low one would cut the
	 * mobile node's traffic until the next real advertisement).
	 */
	ra[4] = pct(r, 90) ? 0 : 64;
	ra[5] = pct(r, 80) ? 0 : rnd(r) & 0xf8;
	put_be16(ra + 6, rtr_life[below(r, 6)]);
	if (pct(r, 5))
		put_be32(ra + 8, below(r, 60000));
	if (pct(r, 5))
		put_be32(ra + 12, below(r, 5000));

	n = below(r, 7);
	for (k = 0; k < n; k++) {
		switch (below(r, 20)) {
		case 0: case 1: case 2: case 3: case 4: case 5: case 6:
		case 7: case 8: case 9:
			ra_map_option(r, &p);
			break;
		case 10: case 11: case 12: case 13:
			ra_prefix_option(r, &p);
			break;
		case 14:	/* source link-layer address */
			o = put(&p, 8);
			o[0] = ND_OPT_SLLA;
			o[1] = 1;
			rnd_bytes(r, o + 2, 6);
			o[2] &= 0xfe;
			break;
		case 15:	/* Advertisement Interval (RFC 6275 7.3) */
			o = put(&p, 8);
			o[0] = ND_OPT_ADVINT;
			o[1] = 1;
			put_be32(o + 4, below(r, 100000));
			break;
		case 16:	/* Home Agent Information (RFC 6275 7.4) */
			o = put(&p, 8);
			o[0] = ND_OPT_HAINFO;
			o[1] = 1;
			rnd_bytes(r, o + 4, 4);
			break;
		case 17:	/* MTU */
			o = put(&p, 8);
			o[0] = ND_OPT_MTU;
			o[1] = 1;
			put_be32(o + 4, 1280 + below(r, 300));
			break;
		case 18:	/* unknown */
			o = put(&p, 8 * (1 + below(r, 3)));
			o[0] = 9 + below(r, 200);
			if (o[0] == ND_OPT_MAP)
				o[0]++;
			o[1] = (p.len - (o - p.d)) / 8;
			rnd_bytes(r, o + 2, 6);
			break;
		default:	/* truncated: longer than what is left */
			o = put(&p, 8);
			o[0] = pct(r, 50) ? ND_OPT_MAP : ND_OPT_PREFIX;
			o[1] = 2 + below(r, 4);
			break;
		}
	}
	/* The checksum over the pseudo-header (RFC 4443 2.3). */
	put_be16(ra + 2, csum6(&src, &dst, IPPROTO_ICMPV6, p.d + 40,
			       p.len - 40));
	if (pct(r, 4))
		put_be16(ra + 2, rnd(r));
	if (pct(r, 2))
		flip_bits(r, p.d + 40, p.len - 40);
	ip6_header(p.d, p.len - 40, IPPROTO_ICMPV6, hlim, &src, &dst, r);
	/* What hmip's hooks look at: type 134, code 0, 16 octets at least
	 * (the checksum, source and hop limit they check and count).
	 */
	hookable = ra[0] == ND_RA && !ra[1] && p.len - 40 >= 16;

	st.ra++;
	st.ra_on[ii]++;
	st.ra_hookable[ii] += hookable;
	print_input(i, "ra", p.d, p.len);
	if (!send_pkt(p.d, p.len, &dst, cfg.ra_if[ii]))
		st.ra_refused++;
}

/* ---------------------------------------------------- generic netlink */

struct nlbuf {
	uint8_t d[8192];
	size_t len;
	size_t nest[8];
	unsigned int depth;
};

static uint8_t *nl_put(struct nlbuf *b, size_t n)
{
	uint8_t *at = b->d + b->len;
	size_t an = (n + 3) & ~(size_t)3;

	if (b->len + an > sizeof(b->d))
		return NULL;
	memset(at, 0, an);
	b->len += an;
	return at;
}

static void nla_raw(struct nlbuf *b, uint16_t type, const void *data,
		    size_t len)
{
	struct nlattr *a = (struct nlattr *)nl_put(b, NLA_HDRLEN + len);

	if (!a)
		return;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((uint8_t *)a + NLA_HDRLEN, data, len);
}

static void nla_u8(struct nlbuf *b, uint16_t t, uint8_t v)
{
	nla_raw(b, t, &v, 1);
}

static void nla_u32(struct nlbuf *b, uint16_t t, uint32_t v)
{
	nla_raw(b, t, &v, 4);
}

static void nest_start(struct nlbuf *b, uint16_t type)
{
	size_t at = b->len;

	if (b->depth == 8 || !nl_put(b, NLA_HDRLEN))
		return;
	((struct nlattr *)(b->d + at))->nla_type = type;
	b->nest[b->depth++] = at;
}

static void nest_end(struct nlbuf *b)
{
	struct nlattr *a;

	if (!b->depth)
		return;
	a = (struct nlattr *)(b->d + b->nest[--b->depth]);
	a->nla_len = b->len - b->nest[b->depth];
}

enum vkind { V_U8, V_U32, V_IFINDEX, V_ADDR, V_STR, V_PREFIXES, V_REJECT };

/* One attribute of a nest: its type, kind and valid range. */
struct attr_spec {
	uint16_t type;
	uint8_t kind;
	uint32_t lo, hi;
};

#define ATTR(t, k)		{ .type = (t), .kind = (k) }
#define RANGE(t, k, l, h)	{ .type = (t), .kind = (k), .lo = (l), .hi = (h) }

static const struct attr_spec cfg_attrs[] = {
	RANGE(HMIP_A_CFG_ERR_RATELIMIT_MS, V_U32, 0, 3600000),
	RANGE(HMIP_A_CFG_ERR_RATELIMIT_BURST, V_U32, 1, 1000),
};

static const struct attr_spec map_attrs[] = {
	ATTR(HMIP_A_MAP_ADDR, V_ADDR),
	ATTR(HMIP_A_MAP_IFINDEX, V_IFINDEX),
	RANGE(HMIP_A_MAP_PREF, V_U8, 0, 15),
	RANGE(HMIP_A_MAP_MAX_LIFETIME, V_U32, 4, 262140),
	RANGE(HMIP_A_MAP_MAX_BINDINGS, V_U32, 1, 16777216),
	ATTR(HMIP_A_MAP_ONLINK_PREFIXES, V_PREFIXES),
	ATTR(HMIP_A_MAP_FORWARD_PREFIXES, V_PREFIXES),
	RANGE(HMIP_A_MAP_REQUIRE_IPSEC, V_U8, 0, 1),
	ATTR(HMIP_A_MAP_BINDINGS, V_REJECT),
	RANGE(HMIP_A_MAP_MODE, V_U8, 0, HMIP_MAP_MODE_MAX),
	ATTR(HMIP_A_MAP_TUNNEL_NAME, V_STR),
	ATTR(HMIP_A_MAP_TUNNEL_IFINDEX, V_REJECT),
};

static const struct attr_spec binding_attrs[] = {
	ATTR(HMIP_A_BINDING_RCOA, V_ADDR),
	ATTR(HMIP_A_BINDING_MAP, V_ADDR),
	ATTR(HMIP_A_BINDING_LCOA, V_REJECT),
	ATTR(HMIP_A_BINDING_SEQ, V_REJECT),
	ATTR(HMIP_A_BINDING_SA_SPI, V_REJECT),
};

static const struct attr_spec ar_attrs[] = {
	ATTR(HMIP_A_AR_IFINDEX, V_IFINDEX),
	ATTR(HMIP_A_AR_MAP_ADDR, V_ADDR),
	RANGE(HMIP_A_AR_DIST, V_U8, 1, 15),
	RANGE(HMIP_A_AR_PREF, V_U8, 0, 15),
	RANGE(HMIP_A_AR_VALID_LIFETIME, V_U32, 0, 0xffffffff),
	RANGE(HMIP_A_AR_RFLAG, V_U8, 0, 1),
	ATTR(HMIP_A_AR_RELAY_FROM, V_IFINDEX),
	RANGE(HMIP_A_AR_WATCH, V_U8, 0, 1),
	RANGE(HMIP_A_AR_PROBE_MS, V_U32, 100, 3600000),
	RANGE(HMIP_A_AR_RETRY_MS, V_U32, 100, 3600000),
	RANGE(HMIP_A_AR_RETRY_TIME_MS, V_U32, 0, 3600000),
	ATTR(HMIP_A_AR_KIND, V_REJECT),
	ATTR(HMIP_A_AR_WATCH_STATE, V_REJECT),
	ATTR(HMIP_A_AR_REMAINING, V_REJECT),
};

static const struct attr_spec mn_attrs[] = {
	ATTR(HMIP_A_MN_IFINDEX, V_IFINDEX),
	RANGE(HMIP_A_MN_POLICY, V_U8, 0, HMIP_MN_POLICY_MAX),
	ATTR(HMIP_A_MN_FIXED_MAP, V_ADDR),
	RANGE(HMIP_A_MN_LIFETIME, V_U32, 4, 262140),
	RANGE(HMIP_A_MN_REQUIRE_IPSEC, V_U8, 0, 1),
	ATTR(HMIP_A_MN_TUNNEL_NAME, V_STR),
	ATTR(HMIP_A_MN_TUNNEL_IFINDEX, V_REJECT),
	ATTR(HMIP_A_MN_LCOA, V_REJECT),
	ATTR(HMIP_A_MN_OPT, V_REJECT),
	ATTR(HMIP_A_MN_HOME, V_ADDR),
	RANGE(HMIP_A_MN_HOME_PLEN, V_U8, 1, 128),
	ATTR(HMIP_A_MN_HA, V_ADDR),
	RANGE(HMIP_A_MN_MODE, V_U8, 0, HMIP_MN_MODE_MAX),
	ATTR(HMIP_A_MN_HOME_REG, V_REJECT),
};

struct nest_spec {
	uint16_t type;
	uint16_t max;
	const struct attr_spec *attrs;
	unsigned int n;
};

static const struct nest_spec nests[] = {
	{ HMIP_A_CONFIG, HMIP_A_CFG_MAX, cfg_attrs, ARRAY_SIZE(cfg_attrs) },
	{ HMIP_A_MAP, HMIP_A_MAP_MAX, map_attrs, ARRAY_SIZE(map_attrs) },
	{ HMIP_A_BINDING, HMIP_A_BINDING_MAX, binding_attrs, ARRAY_SIZE(binding_attrs) },
	{ HMIP_A_AR, HMIP_A_AR_MAX, ar_attrs, ARRAY_SIZE(ar_attrs) },
	{ HMIP_A_MN, HMIP_A_MN_MAX, mn_attrs, ARRAY_SIZE(mn_attrs) },
};

/* The nest each command takes (index into nests[]), or -1. */
static int cmd_nest(uint8_t cmd)
{
	switch (cmd) {
	case HMIP_CMD_CONFIG_SET:
		return 0;
	case HMIP_CMD_MAP_ADD: case HMIP_CMD_MAP_SET: case HMIP_CMD_MAP_DEL:
	case HMIP_CMD_MAP_GET:
		return 1;
	case HMIP_CMD_BINDING_GET: case HMIP_CMD_BINDING_DEL:
	case HMIP_CMD_BINDING_FLUSH:
		return 2;
	case HMIP_CMD_AR_ADD: case HMIP_CMD_AR_SET: case HMIP_CMD_AR_DEL:
	case HMIP_CMD_AR_GET:
		return 3;
	case HMIP_CMD_MN_ADD: case HMIP_CMD_MN_SET: case HMIP_CMD_MN_DEL:
	case HMIP_CMD_MN_GET:
		return 4;
	default:
		return -1;
	}
}

/* Whether @a is what the packets aim at (--mh, --mh-rh2, --addr). */
static bool is_packet_addr(const struct in6_addr *a)
{
	unsigned int k;

	for (k = 0; k < cfg.n_mh; k++)
		if (!memcmp(a, &cfg.mh[k].dst, 16) ||
		    (cfg.mh[k].rh2 && !memcmp(a, &cfg.mh[k].home, 16)) ||
		    (cfg.mh[k].have_src && !memcmp(a, &cfg.mh[k].src, 16)))
			return true;
	for (k = 0; k < cfg.n_addr; k++)
		if (!memcmp(a, &cfg.addr[k], 16))
			return true;
	return false;
}

/* The requests name --genl-addr, RCoAs of --rcoa-prefix and addresses of
 * every kind, never those the packets aim at: the roles the packets reach
 * stay as they were set up (no request deletes or changes them), which
 * keeps the counters of the packets comparable.
 */
static void rnd_genl_addr(struct rng *r, struct in6_addr *a)
{
	if (cfg.n_genl_addr && pct(r, 60))
		*a = cfg.genl_addr[below(r, cfg.n_genl_addr)];
	else if (pct(r, 50))
		rnd_addr_from(r, a, false);
	else
		rnd_bytes(r, a->s6_addr, 16);
	/* Nor the RCoAs the packets bind most (the first 8): the requests
	 * would delete those bindings faster than the packets meet them.
	 */
	if (cfg.have_prefix && !memcmp(a, &cfg.rcoa_prefix, 14) &&
	    !a->s6_addr[14] && a->s6_addr[15] && a->s6_addr[15] <= 8)
		a->s6_addr[15] += 8;
	while (is_packet_addr(a))
		a->s6_addr[15]++;
}

static uint32_t rnd_ifindex(struct rng *r)
{
	if (cfg.n_genl_ifindex && pct(r, 60))
		return cfg.genl_ifindex[below(r, cfg.n_genl_ifindex)];
	switch (below(r, 4)) {
	case 0: return 0;
	case 1: return 1;		/* lo */
	case 2: return 0xffffffff;
	default: return rnd(r) | 0x10000;
	}
}

static void rnd_name(struct rng *r, char *s, size_t size)
{
	static const char *const names[] = {
		"fz%d", "fz0", "fuzz%d%d", "lo", "hmip0", "hmipmn0", "gz0",
		"a/b", "", "..", "%d%d%d", "abcdefghijklmno", "x y",
	};
	size_t n, k;

	if (pct(r, 80)) {
		snprintf(s, size, "%s", names[below(r, 13)]);
		return;
	}
	n = below(r, size);
	for (k = 0; k < n; k++)
		s[k] = 0x20 + below(r, 95);
	s[n] = 0;
}

static void prefixes(struct rng *r, struct nlbuf *b, uint16_t type)
{
	unsigned int n = pct(r, 90) ? below(r, 4) : below(r, 24), k;
	struct in6_addr a;

	nest_start(b, type | (pct(r, 90) ? NLA_F_NESTED : 0));
	for (k = 0; k < n; k++) {
		nest_start(b, HMIP_A_PREFIX | NLA_F_NESTED);
		rnd_genl_addr(r, &a);
		if (pct(r, 95))
			nla_raw(b, HMIP_A_PREFIX_ADDR, &a, 16);
		if (pct(r, 95))
			nla_u8(b, HMIP_A_PREFIX_LEN,
			       pct(r, 90) ? below(r, 129) : rnd(r));
		nest_end(b);
	}
	nest_end(b);
}

/* A value for @s: right (@valid), or of the wrong size or range. */
static void attr_value(struct rng *r, struct nlbuf *b,
		       const struct attr_spec *s, bool valid)
{
	uint8_t junk[64];
	struct in6_addr a;
	char name[40] = "";
	uint32_t v;

	if (!valid && pct(r, 50)) {
		/* The wrong size. */
		size_t n = below(r, 24);

		rnd_bytes(r, junk, n);
		nla_raw(b, s->type, junk, n);
		return;
	}
	switch (s->kind) {
	case V_U8:
		v = valid ? s->lo + below(r, s->hi - s->lo + 1) :
			    rnd_edge32(r, s->lo, s->hi);
		nla_u8(b, s->type, v);
		break;
	case V_U32:
		if (valid)
			v = pct(r, 30) ? (pct(r, 50) ? s->lo : s->hi) :
			    s->lo + below(r, s->hi - s->lo + 1);
		else
			v = rnd_edge32(r, s->lo, s->hi);
		nla_u32(b, s->type, v);
		break;
	case V_IFINDEX:
		nla_u32(b, s->type, rnd_ifindex(r));
		break;
	case V_ADDR:
		rnd_genl_addr(r, &a);
		nla_raw(b, s->type, &a, 16);
		break;
	case V_STR:
		rnd_name(r, name, valid ? 16 : sizeof(name));
		/* Without its NUL, now and then. */
		nla_raw(b, s->type, name, strlen(name) + (valid || pct(r, 50)));
		break;
	case V_PREFIXES:
		prefixes(r, b, s->type);
		break;
	default:	/* what only the kernel sends */
		rnd_bytes(r, junk, 16);
		nla_raw(b, s->type, junk, 1 + below(r, 16));
		break;
	}
}

/* Attributes of any type and shape, nested now and then. */
static void garbage(struct rng *r, struct nlbuf *b, unsigned int depth)
{
	unsigned int n = below(r, 5), k;
	uint8_t junk[64];
	size_t len;

	for (k = 0; k < n; k++) {
		uint16_t type = pct(r, 70) ? below(r, 20) : rnd(r);

		if (depth < 4 && pct(r, 30)) {
			nest_start(b, type | NLA_F_NESTED);
			garbage(r, b, depth + 1);
			nest_end(b);
			continue;
		}
		len = below(r, 40);
		rnd_bytes(r, junk, len);
		nla_raw(b, type, junk, len);
	}
}

static void genl_attrs(struct rng *r, struct nlbuf *b, uint8_t cmd)
{
	int ni = cmd_nest(cmd);
	const struct nest_spec *ns;
	unsigned int k, bad = ~0U;

	/* Valid requests, one broken attribute, or garbage. */
	switch (below(r, 20)) {
	case 0: case 1: case 2:
		garbage(r, b, 0);
		return;
	case 3:
		/* Another command's nest. */
		ni = below(r, ARRAY_SIZE(nests));
		break;
	default:
		break;
	}
	if (ni < 0) {
		if (pct(r, 30))
			garbage(r, b, 0);
		return;
	}
	ns = &nests[ni];
	if (pct(r, 3))
		return;		/* nothing */
	/* A flush without a MAP empties the whole cache: now and then. */
	if (cmd == HMIP_CMD_BINDING_FLUSH && pct(r, 97)) {
		struct in6_addr a;

		nest_start(b, ns->type | NLA_F_NESTED);
		rnd_genl_addr(r, &a);
		nla_raw(b, HMIP_A_BINDING_MAP, &a, 16);
		nest_end(b);
		return;
	}
	if (pct(r, 30))
		bad = below(r, ns->n + 2);
	nest_start(b, ns->type | (pct(r, 95) ? NLA_F_NESTED : 0));
	for (k = 0; k < ns->n; k++) {
		const struct attr_spec *s = &ns->attrs[k];

		/* The reject-only attributes only when breaking one. */
		if (s->kind == V_REJECT && bad != k)
			continue;
		/* The identifying ones mostly, the others now and then. */
		if (k > 0 && bad != k && !pct(r, 35))
			continue;
		attr_value(r, b, s, bad != k);
		if (pct(r, 2))
			attr_value(r, b, s, true);	/* twice */
	}
	if (bad == ns->n)
		garbage(r, b, 1);
	if (bad == ns->n + 1)
		nla_u32(b, ns->max + 1 + below(r, 4), rnd(r));
	nest_end(b);
	if (pct(r, 3))
		garbage(r, b, 0);
}

static int genl_open(struct genl_ns *g)
{
	int home = -1, fd, one = 1;
	struct timeval tv = { .tv_sec = 30 };

	if (g->path[0]) {
		int target = open(g->path, O_RDONLY | O_CLOEXEC);

		home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		if (target < 0 || home < 0 || setns(target, CLONE_NEWNET)) {
			fprintf(stderr, "hmipfuzz: netns %s: %s\n", g->path,
				strerror(errno));
			return -1;
		}
		close(target);
	}
	/* The socket stays in the namespace it was made in. */
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (home >= 0) {
		if (setns(home, CLONE_NEWNET)) {
			perror("hmipfuzz: setns back");
			return -1;
		}
		close(home);
	}
	if (fd < 0) {
		perror("hmipfuzz: netlink socket");
		return -1;
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* A request left unanswered is a failure, not a hang. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	g->fd = fd;
	return 0;
}

struct answer {
	int error;		/* 0, or the negative errno */
	bool done;		/* an ack, an error or the end of a dump */
	bool msg;		/* an extended ACK message came with it */
	unsigned int replies;
};

/* The extended ACK attributes after @at in @h: is there a message? */
static bool ext_ack_msg(const struct nlmsghdr *h, size_t at)
{
	const struct nlattr *a;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return false;
	while (at + NLA_HDRLEN <= h->nlmsg_len) {
		a = (const struct nlattr *)((const uint8_t *)h + at);
		if (a->nla_len < NLA_HDRLEN)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
			return true;
		at += NLA_ALIGN(a->nla_len);
	}
	return false;
}

/* The answers to request @seq: until its ack, its error or the end of its
 * dump. A request without NLM_F_ACK that succeeds gets no ack: genetlink
 * runs a request in the sender's send(), so whatever it answers is queued
 * already, and what is queued is all there is (@wait false).
 */
static void genl_wait(int fd, uint32_t seq, bool wait, struct answer *ans)
{
	static uint8_t buf[65536];
	struct nlmsghdr *h;
	ssize_t n;

	memset(ans, 0, sizeof(*ans));
	while (!ans->done) {
		n = recv(fd, buf, sizeof(buf), wait ? 0 : MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR || errno == ENOBUFS)
				continue;	/* ENOBUFS: a dump overran */
			if (!wait && errno == EAGAIN)
				ans->done = true;
			return;
		}
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;	/* an earlier request's */
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
					break;
				/* Capped: the request's header only. */
				ans->error = e->error;
				ans->msg = ext_ack_msg(h, NLMSG_LENGTH(sizeof(*e)));
				ans->done = true;
				break;
			}
			if (h->nlmsg_type == NLMSG_DONE) {
				if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
					ans->error = *(int *)NLMSG_DATA(h);
					ans->msg = ext_ack_msg(h, NLMSG_LENGTH(sizeof(int)));
				}
				ans->done = true;
				break;
			}
			ans->replies++;
		}
	}
}

/* A request in @b: its headers reserved at the start, attributes after. */
static void genl_begin(struct nlbuf *b)
{
	b->len = 0;
	b->depth = 0;
	nl_put(b, NLMSG_HDRLEN + GENL_HDRLEN);
}

static int genl_send(int fd, struct nlbuf *b, uint16_t family,
		     uint16_t flags, uint32_t seq, uint8_t cmd,
		     uint8_t version, size_t extra)
{
	struct nlmsghdr *h = (struct nlmsghdr *)b->d;
	struct genlmsghdr *g = (struct genlmsghdr *)(b->d + NLMSG_HDRLEN);
	size_t len = b->len;

	h->nlmsg_len = len;
	h->nlmsg_type = family;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = seq;
	g->cmd = cmd;
	g->version = version;
	/* Octets past nlmsg_len, fewer than a header: ignored. */
	if (len + extra <= sizeof(b->d))
		len += extra;
	return send(fd, b->d, len, 0) < 0 ? -1 : 0;
}

/* The family's id, from nlctrl's answer (CTRL_CMD_GETFAMILY). */
static uint16_t genl_resolve(struct genl_ns *g)
{
	static struct nlbuf b;
	const struct nlattr *at;
	struct nlmsghdr *h;
	ssize_t n;
	size_t off;

	genl_begin(&b);
	nla_raw(&b, CTRL_ATTR_FAMILY_NAME, HMIP_GENL_NAME,
		sizeof(HMIP_GENL_NAME));
	if (genl_send(g->fd, &b, GENL_ID_CTRL, NLM_F_REQUEST, 1,
		      CTRL_CMD_GETFAMILY, 1, 0))
		return 0;
	n = recv(g->fd, b.d, sizeof(b.d), 0);
	for (h = (struct nlmsghdr *)b.d; n > 0 && NLMSG_OK(h, (size_t)n);
	     h = NLMSG_NEXT(h, n)) {
		if (h->nlmsg_type != GENL_ID_CTRL)
			continue;
		for (off = NLMSG_HDRLEN + GENL_HDRLEN;
		     off + NLA_HDRLEN <= h->nlmsg_len;
		     off += NLA_ALIGN(at->nla_len)) {
			at = (const struct nlattr *)((uint8_t *)h + off);
			if (at->nla_len < NLA_HDRLEN)
				break;
			if (at->nla_type == CTRL_ATTR_FAMILY_ID &&
			    at->nla_len >= NLA_HDRLEN + 2)
				return *(const uint16_t *)((const uint8_t *)at +
							   NLA_HDRLEN);
		}
	}
	return 0;
}

/* Whether hmip has a handler for @cmd (a doit, or a dumpit for @dump). */
static bool genl_has_op(uint8_t cmd, bool dump)
{
	if (cmd == HMIP_CMD_UNSPEC || cmd == HMIP_CMD_EVENT ||
	    cmd > HMIP_CMD_MAX)
		return false;
	if (dump)
		return cmd == HMIP_CMD_MAP_GET || cmd == HMIP_CMD_BINDING_GET ||
		       cmd == HMIP_CMD_AR_GET || cmd == HMIP_CMD_MN_GET;
	return cmd != HMIP_CMD_AR_GET;
}

static void genl_input(unsigned long i, struct rng *r)
{
	static struct nlbuf b;
	unsigned int gi = below(r, cfg.n_genl);
	struct genl_ns *g = &cfg.genl[gi];
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;
	uint8_t cmd, version = HMIP_GENL_VERSION;
	size_t extra = 0;
	struct answer ans;
	bool dump;

	/* Every command, and beyond; dumps mostly of what can be dumped. */
	cmd = pct(r, 92) ? 1 + below(r, HMIP_CMD_MAX) : below(r, 256);
	dump = pct(r, genl_has_op(cmd, true) ? 50 : 3);
	if (cmd == HMIP_CMD_AR_GET && pct(r, 90))
		dump = true;
	if (dump)
		flags |= NLM_F_DUMP;
	if (pct(r, 3))
		flags &= ~NLM_F_ACK;
	if (pct(r, 3))
		flags |= rnd(r) & 0x0fe0 & ~NLM_F_DUMP;
	if (pct(r, 3))
		version = rnd(r);
	genl_begin(&b);
	genl_attrs(r, &b, cmd);
	if (pct(r, 2))
		extra = below(r, NLMSG_HDRLEN);

	st.genl++;
	print_input(i, "genl", b.d + NLMSG_HDRLEN + GENL_HDRLEN,
		    b.len - NLMSG_HDRLEN - GENL_HDRLEN);
	if (cfg.dry)
		return;
	ans.done = false;
	if (!genl_send(g->fd, &b, g->family, flags, i + 2, cmd, version,
		       extra))
		genl_wait(g->fd, i + 2, flags & (NLM_F_ACK | NLM_F_DUMP), &ans);
	if (!ans.done) {
		st.genl_noanswer++;
		fprintf(stderr, "hmipfuzz: input %lu: genl cmd %u in %s: no answer (%s)\n",
			i, cmd, g->path[0] ? g->path : "this netns",
			strerror(errno));
		return;
	}
	st.genl_replies += ans.replies;
	if (!ans.error) {
		st.genl_ok++;
		st.genl_cmd_ok[cmd]++;
		return;
	}
	st.genl_err++;
	if (ans.msg) {
		st.genl_err_msg++;
	} else if (!genl_has_op(cmd, dump) && ans.error == -EOPNOTSUPP) {
		/* The genetlink core refuses a command without a handler
		 * before hmip sees it, without a message.
		 */
		st.genl_err_core++;
	} else {
		st.genl_unclear++;
		fprintf(stderr, "hmipfuzz: input %lu: genl cmd %u%s flags %#x",
			i, cmd, dump ? " dump" : "", flags);
		fprintf(stderr, " version %u: error %d (%s) without a message\n",
			version, ans.error, strerror(-ans.error));
	}
}

/* ----------------------------------------------------------------- main */

static int parse_addr(const char *s, struct in6_addr *a)
{
	if (inet_pton(AF_INET6, s, a) == 1)
		return 0;
	fprintf(stderr, "hmipfuzz: bad address \"%s\"\n", s);
	return -1;
}

/* NAME=ADDR, or NAME=DST,HOME[,SRC] with a type 2 routing header. */
static int parse_target(char *arg, bool rh2)
{
	struct target *t = &cfg.mh[cfg.n_mh];
	char *eq = strchr(arg, '='), *comma = NULL, *src;

	if (eq && rh2)
		comma = strchr(eq, ',');
	if (cfg.n_mh == MAX_TARGETS || !eq || (rh2 && !comma)) {
		fprintf(stderr, "hmipfuzz: --mh%s NAME=%s\n",
			rh2 ? "-rh2" : "", rh2 ? "DST,HOME[,SRC]" : "ADDR");
		return -1;
	}
	*eq = 0;
	snprintf(t->name, sizeof(t->name), "%s", arg);
	if (comma) {
		*comma = 0;
		src = strchr(comma + 1, ',');
		if (src) {
			*src = 0;
			if (parse_addr(src + 1, &t->src))
				return -1;
			t->have_src = true;
		}
		if (parse_addr(comma + 1, &t->home))
			return -1;
		t->rh2 = true;
	}
	if (parse_addr(eq + 1, &t->dst))
		return -1;
	cfg.n_mh++;
	return 0;
}

static int add_addr(struct in6_addr *list, unsigned int *n, const char *s)
{
	if (*n == MAX_ADDRS) {
		fprintf(stderr, "hmipfuzz: at most %d addresses\n", MAX_ADDRS);
		return -1;
	}
	return parse_addr(s, &list[(*n)++]);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int kmsg_fd = -1;

/* A line in the kernel log, next to what the kernel may report. */
static void kmsg(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	if (kmsg_fd < 0)
		return;
	n = snprintf(line, sizeof(line), "<6>hmipfuzz: ");
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (write(kmsg_fd, line, strlen(line)) < 0) {
		close(kmsg_fd);
		kmsg_fd = -1;
	}
}

static void write_stats(FILE *f)
{
	unsigned int k;

	fprintf(f, "seed %llu\n", (unsigned long long)cfg.seed);
	fprintf(f, "first %lu\ncount %lu\n", cfg.first, cfg.count);
	fprintf(f, "mh %lu\nmh_refused %lu\nmh_hao %lu\nmh_rh2 %lu\n",
		st.mh, st.mh_refused, st.mh_hao, st.mh_rh2);
	fprintf(f, "mh_frag %lu\nmh_bad_csum %lu\n", st.mh_frag,
		st.mh_bad_csum);
	for (k = 0; k < cfg.n_mh; k++)
		fprintf(f, "mh_to_%s %lu\n", cfg.mh[k].name, st.mh_to[k]);
	for (k = 0; k < 256; k++)
		if (st.mh_type[k])
			fprintf(f, "mh_type_%u %lu\n", k, st.mh_type[k]);
	fprintf(f, "ra %lu\nra_refused %lu\nra_map_opts %lu\n", st.ra,
		st.ra_refused, st.ra_map_opts);
	for (k = 0; k < cfg.n_ra; k++)
		fprintf(f, "ra_on_%s %lu\nra_hookable_%s %lu\n",
			cfg.ra_name[k], st.ra_on[k], cfg.ra_name[k],
			st.ra_hookable[k]);
	fprintf(f, "genl %lu\ngenl_ok %lu\ngenl_err %lu\ngenl_err_msg %lu\n",
		st.genl, st.genl_ok, st.genl_err, st.genl_err_msg);
	fprintf(f, "genl_err_core %lu\ngenl_unclear %lu\ngenl_noanswer %lu\n",
		st.genl_err_core, st.genl_unclear, st.genl_noanswer);
	fprintf(f, "genl_replies %lu\n", st.genl_replies);
	for (k = 0; k < 256; k++)
		if (st.genl_cmd_ok[k])
			fprintf(f, "genl_ok_cmd_%u %lu\n", k, st.genl_cmd_ok[k]);
}

static int print_usage(void)
{
	fprintf(stderr,
		"usage: hmipfuzz [--seed N] [--first I] [--mix MH,RA,GENL]\n"
		"                [--mh NAME=ADDR]... [--mh-rh2 NAME=DST,HOME]...\n"
		"                [--addr ADDR]... [--rcoa-prefix ADDR]\n"
		"                [--ra-if IFNAME]... [--genl NETNS]...\n"
		"                [--genl-addr ADDR]... [--genl-ifindex N]...\n"
		"                [--stats FILE] [--kmsg N] [--print] [--pcap FILE]\n"
		"                [--dry] COUNT\n");
	return 2;
}

static const struct option long_opts[] = {
	{ "seed", required_argument, NULL, 's' },
	{ "first", required_argument, NULL, 'f' },
	{ "mix", required_argument, NULL, 'x' },
	{ "mh", required_argument, NULL, 'm' },
	{ "mh-rh2", required_argument, NULL, 'M' },
	{ "addr", required_argument, NULL, 'a' },
	{ "rcoa-prefix", required_argument, NULL, 'p' },
	{ "ra-if", required_argument, NULL, 'r' },
	{ "genl", required_argument, NULL, 'g' },
	{ "genl-addr", required_argument, NULL, 'A' },
	{ "genl-ifindex", required_argument, NULL, 'I' },
	{ "stats", required_argument, NULL, 'S' },
	{ "kmsg", required_argument, NULL, 'k' },
	{ "print", no_argument, NULL, 'P' },
	{ "pcap", required_argument, NULL, 'C' },
	{ "dry", no_argument, NULL, 'D' },
	{ NULL, 0, NULL, 0 },
};

static int parse_args(int argc, char **argv)
{
	bool seeded = false;
	int c;

	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		switch (c) {
		case 's':
			cfg.seed = strtoull(optarg, NULL, 0);
			seeded = true;
			break;
		case 'f':
			cfg.first = strtoul(optarg, NULL, 0);
			break;
		case 'x':
			if (sscanf(optarg, "%u,%u,%u", &cfg.mix[0], &cfg.mix[1],
				   &cfg.mix[2]) != 3)
				return print_usage();
			break;
		case 'm':
		case 'M':
			if (parse_target(optarg, c == 'M'))
				return 2;
			break;
		case 'a':
			if (add_addr(cfg.addr, &cfg.n_addr, optarg))
				return 2;
			break;
		case 'p':
			if (parse_addr(optarg, &cfg.rcoa_prefix))
				return 2;
			memset(cfg.rcoa_prefix.s6_addr + 8, 0, 8);
			cfg.have_prefix = true;
			break;
		case 'r':
			if (cfg.n_ra == MAX_TARGETS)
				return print_usage();
			cfg.ra_if[cfg.n_ra] = if_nametoindex(optarg);
			if (!cfg.ra_if[cfg.n_ra]) {
				fprintf(stderr, "hmipfuzz: no interface %s\n",
					optarg);
				return 2;
			}
			snprintf(cfg.ra_name[cfg.n_ra], IF_NAMESIZE, "%s",
				 optarg);
			cfg.n_ra++;
			break;
		case 'g':
			if (cfg.n_genl == MAX_TARGETS)
				return print_usage();
			snprintf(cfg.genl[cfg.n_genl++].path, 256, "%s", optarg);
			break;
		case 'A':
			if (add_addr(cfg.genl_addr, &cfg.n_genl_addr, optarg))
				return 2;
			break;
		case 'I':
			if (cfg.n_genl_ifindex == MAX_ADDRS)
				return print_usage();
			cfg.genl_ifindex[cfg.n_genl_ifindex++] =
				strtoul(optarg, NULL, 0);
			break;
		case 'S':
			cfg.stats = optarg;
			break;
		case 'k':
			cfg.kmsg_every = strtoul(optarg, NULL, 0);
			break;
		case 'P':
			cfg.print = true;
			break;
		case 'C':
			cfg.pcap = fopen(optarg, "w");
			if (!cfg.pcap) {
				perror(optarg);
				return 2;
			}
			break;
		case 'D':
			cfg.dry = true;
			break;
		default:
			return print_usage();
		}
	}
	if (optind + 1 != argc)
		return print_usage();
	cfg.count = strtoul(argv[optind], NULL, 0);
	if (!seeded && getrandom(&cfg.seed, sizeof(cfg.seed), 0) !=
	    sizeof(cfg.seed))
		cfg.seed = (uint64_t)time(NULL) * 2654435761U ^ getpid();
	/* A generator without targets gets no inputs. */
	if (!cfg.n_mh)
		cfg.mix[0] = 0;
	if (!cfg.n_ra)
		cfg.mix[1] = 0;
	if (!cfg.n_genl)
		cfg.genl[cfg.n_genl++].path[0] = 0;
	if (!cfg.mix[0] && !cfg.mix[1] && !cfg.mix[2]) {
		fprintf(stderr, "hmipfuzz: nothing to send\n");
		return 2;
	}
	return 0;
}

static int open_sockets(void)
{
	int off = 0;
	unsigned int k;

	if (cfg.dry)
		return 0;
	if (cfg.mix[0] || cfg.mix[1]) {
		raw_fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
		if (raw_fd < 0) {
			perror("hmipfuzz: raw socket");
			return -1;
		}
		/* Its own advertisements are not for this namespace. */
		setsockopt(raw_fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &off,
			   sizeof(off));
	}
	if (!cfg.mix[2])
		return 0;
	for (k = 0; k < cfg.n_genl; k++) {
		if (genl_open(&cfg.genl[k]))
			return -1;
		cfg.genl[k].family = genl_resolve(&cfg.genl[k]);
		if (!cfg.genl[k].family) {
			fprintf(stderr, "hmipfuzz: no \"%s\" generic netlink family in %s\n",
				HMIP_GENL_NAME, cfg.genl[k].path[0] ?
				cfg.genl[k].path : "this netns");
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int total;
	unsigned long i, end;
	double t0;
	int ret;
	FILE *f;

	ret = parse_args(argc, argv);
	if (ret)
		return ret;
	if (cfg.pcap) {
		/* Version 2.4, snaplen 65535, LINKTYPE_RAW. */
		static const uint32_t hdr[6] = { 0xa1b2c3d4, 0x00040002, 0, 0,
						 65535, 101 };

		fwrite(hdr, sizeof(hdr), 1, cfg.pcap);
	}
	if (open_sockets())
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("hmipfuzz: seed %llu, inputs %lu to %lu\n",
	       (unsigned long long)cfg.seed, cfg.first,
	       cfg.first + cfg.count - 1);
	if (cfg.kmsg_every && !cfg.dry)
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	kmsg("seed %llu, inputs %lu to %lu\n", (unsigned long long)cfg.seed,
	     cfg.first, cfg.first + cfg.count - 1);

	total = cfg.mix[0] + cfg.mix[1] + cfg.mix[2];
	end = cfg.first + cfg.count;
	t0 = now();
	for (i = cfg.first; i < end; i++) {
		/* Input i depends on the seed and i alone. */
		struct rng r = { cfg.seed ^ (i * 0xd1342543de82ef95ULL) };
		unsigned int g;

		rnd(&r);
		if (cfg.kmsg_every && !((i - cfg.first) % cfg.kmsg_every))
			kmsg("input %lu\n", i);
		g = below(&r, total);
		if (g < cfg.mix[0])
			mh_input(i, &r);
		else if (g < cfg.mix[0] + cfg.mix[1])
			ra_input(i, &r);
		else
			genl_input(i, &r);
	}
	kmsg("done, %lu inputs\n", cfg.count);

	printf("hmipfuzz: %lu inputs in %.1f s\n", cfg.count, now() - t0);
	printf("hmipfuzz: mh: %lu sent (%lu refused by the sender), ", st.mh,
	       st.mh_refused);
	printf("%lu with a Home Address option, ", st.mh_hao);
	printf("%lu with a type 2 routing header, %lu fragmented, ", st.mh_rh2,
	       st.mh_frag);
	printf("%lu with a wrong checksum\n", st.mh_bad_csum);
	printf("hmipfuzz: ra: %lu sent (%lu refused by the sender), %lu MAP options\n",
	       st.ra, st.ra_refused, st.ra_map_opts);
	printf("hmipfuzz: genl: %lu requests, %lu succeeded, ", st.genl,
	       st.genl_ok);
	printf("%lu errors with a message, ", st.genl_err_msg);
	printf("%lu refused by the genetlink core, ", st.genl_err_core);
	printf("%lu errors without a message, %lu unanswered\n",
	       st.genl_unclear, st.genl_noanswer);
	if (cfg.pcap)
		fclose(cfg.pcap);
	if (cfg.stats) {
		f = fopen(cfg.stats, "w");
		if (!f) {
			perror(cfg.stats);
			return 1;
		}
		write_stats(f);
		fclose(f);
	}
	return st.genl_noanswer ? 1 : 0;
}

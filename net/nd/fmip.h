/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Neighbour Discovery messages and options of Fast Handovers for
 * Mobile IPv6 (RFC 5568 sections 6.1 and 6.4): Router Solicitation for
 * Proxy Advertisement (RtSolPr) and Proxy Router Advertisement
 * (PrRtAdv), ICMPv6 type 154 subtypes 2 and 3, with the IP
 * Address/Prefix and Link-Layer Address options. Shared by the access
 * router (answers) and the mobile node (asks).
 */
#ifndef _HMIP_ND_FMIP_H
#define _HMIP_ND_FMIP_H

#include <linux/in6.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#include "nd/ra.h"

/* RFC 5568 section 6: one ICMPv6 type, told apart by the Subtype. */
#define HMIP_FMIP_TYPE			154
#define HMIP_FMIP_SUB_RTSOLPR		2
#define HMIP_FMIP_SUB_PRRTADV		3

/* Section 6.1.2: the Codes of a PrRtAdv hmip sends. */
#define HMIP_FMIP_PRRTADV_TUPLES	0	/* [AP-ID, AR-Info] tuples */
#define HMIP_FMIP_PRRTADV_NONE		2	/* no router information */
#define HMIP_FMIP_PRRTADV_SUBSET	3	/* for some of the APs asked */

/* Section 6.4.1: the IP Address/Prefix option, 3 units of 8 octets. */
#define HMIP_FMIP_OPT_IPADDR		17
#define HMIP_FMIP_OPT_IPADDR_LEN	3
#define HMIP_FMIP_IP_OLD_COA		1
#define HMIP_FMIP_IP_NEW_COA		2
#define HMIP_FMIP_IP_NAR		3
#define HMIP_FMIP_IP_NAR_PREFIX		4

/* Section 6.4.3: the Link-Layer Address option and its Option-Codes. */
#define HMIP_FMIP_OPT_LLA		19
#define HMIP_FMIP_LLA_WILDCARD		0
#define HMIP_FMIP_LLA_NEW_AP		1
#define HMIP_FMIP_LLA_MN		2
#define HMIP_FMIP_LLA_NAR		3
#define HMIP_FMIP_LLA_SOURCE		4
#define HMIP_FMIP_LLA_SAME_IFACE	5
#define HMIP_FMIP_LLA_NO_PREFIX		6
#define HMIP_FMIP_LLA_NO_FMIP		7
/* Link-layer addresses hmip keeps: Ethernet's 6 octets and more. */
#define HMIP_FMIP_LLA_MAX		16

/* Section 6.1.1: RTSOLPR_RETRIES; the first wait is 100 ms when the RTT
 * is not known, doubled before each retransmission.
 */
#define HMIP_FMIP_RTSOLPR_RETRIES	3
#define HMIP_FMIP_RTSOLPR_TIMEOUT_MS	100

/**
 * struct hmip_fmip_hdr - the fixed part of RtSolPr and PrRtAdv
 * @type: %HMIP_FMIP_TYPE
 * @code: 0 for RtSolPr; the outcome for PrRtAdv
 * @cksum: the ICMPv6 checksum
 * @subtype: %HMIP_FMIP_SUB_RTSOLPR or %HMIP_FMIP_SUB_PRRTADV
 * @reserved: zero
 * @id: Identifier, copied from the RtSolPr into its PrRtAdv
 */
struct hmip_fmip_hdr {
	u8 type;
	u8 code;
	__sum16 cksum;
	u8 subtype;
	u8 reserved;
	__be16 id;
} __packed;

/**
 * struct hmip_fmip_ipaddr - the IP Address/Prefix option (section 6.4.1)
 * @type: %HMIP_FMIP_OPT_IPADDR
 * @len: %HMIP_FMIP_OPT_IPADDR_LEN
 * @code: %HMIP_FMIP_IP_NAR, %HMIP_FMIP_IP_NAR_PREFIX, ...
 * @plen: the prefix length, 0-128
 * @reserved: zero
 * @addr: the address or prefix
 */
struct hmip_fmip_ipaddr {
	u8 type;
	u8 len;
	u8 code;
	u8 plen;
	__be32 reserved;
	struct in6_addr addr;
} __packed;

/**
 * struct hmip_fmip_lla - a Link-Layer Address option, decoded
 * @code: its Option-Code
 * @len: octets of @addr: what the option carries after its three octets,
 *	at most %HMIP_FMIP_LLA_MAX (the padding included: the RFC gives
 *	the address no length of its own)
 * @addr: the address
 */
struct hmip_fmip_lla {
	u8 code;
	u8 len;
	u8 addr[HMIP_FMIP_LLA_MAX];
};

/* A message being built: @len octets of @buf, at most @size. */
struct hmip_fmip_msg {
	u8 *buf;
	unsigned int len;
	unsigned int size;
};

bool hmip_fmip_match(const struct icmp6hdr *icmph,
		     const struct hmip_nd_msg *msg, u8 subtype);
int hmip_fmip_check(struct sk_buff *skb, const struct hmip_nd_msg *msg);
void hmip_fmip_opts_start(struct hmip_nd_ra_opts *it,
			  const struct sk_buff *skb,
			  const struct hmip_nd_msg *msg);
bool hmip_fmip_lla_parse(const struct hmip_nd_ra_opts *it,
			 struct hmip_fmip_lla *lla);
bool hmip_fmip_ipaddr_parse(const struct hmip_nd_ra_opts *it,
			    struct hmip_fmip_ipaddr *ip);
int hmip_fmip_put_lla(struct hmip_fmip_msg *m, u8 code, const u8 *addr,
		      unsigned int len);
int hmip_fmip_put_ipaddr(struct hmip_fmip_msg *m, u8 code,
			 const struct in6_addr *addr, u8 plen);
void *hmip_fmip_put(struct hmip_fmip_msg *m, unsigned int len);

#endif /* _HMIP_ND_FMIP_H */

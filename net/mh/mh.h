/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mobility Header (RFC 6275 section 6.1) wire formats and the helpers that
 * receive and send it.
 */
#ifndef _HMIP_MH_H
#define _HMIP_MH_H

#include <linux/in6.h>
#include <linux/types.h>
#include <net/mip6.h>

struct hmip_net;
struct icmp6hdr;
struct sk_buff;

/* Fast Binding Update and Acknowledgment (RFC 5568 sections 6.3.1, 6.3.2). */
#define HMIP_MH_TYPE_FBU	8
#define HMIP_MH_TYPE_FBACK	9
/* Handover Initiate and Acknowledge (RFC 5568 sections 6.2.1.1, 6.2.1.2):
 * 10 to 13 are other protocols' and unknown here.
 */
#define HMIP_MH_TYPE_HI		14
#define HMIP_MH_TYPE_HACK	15
#define HMIP_MH_TYPE_MAX	HMIP_MH_TYPE_HACK

/* Handover Initiate flags and codes (RFC 5568 section 6.2.1.1). */
#define HMIP_HI_FLAG_S		0x80	/* assign an address */
#define HMIP_HI_FLAG_U		0x40	/* buffer */
#define HMIP_HI_CODE_PCOA	0	/* FBU from the previous CoA */
#define HMIP_HI_CODE_OTHER	1	/* FBU from another address */

/* Handover Acknowledge codes (RFC 5568 section 6.2.1.2). */
#define HMIP_HACK_CODE_NCOA_VALID	0
#define HMIP_HACK_CODE_NCOA_INVALID	1
#define HMIP_HACK_CODE_NCOA_ASSIGNED	2
#define HMIP_HACK_CODE_USE_PCOA		3
#define HMIP_HACK_CODE_UNSOLICITED	4
#define HMIP_HACK_CODE_UNSPECIFIED	128
#define HMIP_HACK_CODE_PROHIBITED	129
#define HMIP_HACK_CODE_NO_RESOURCES	130

/* Fast Binding Acknowledgment status codes (RFC 5568 section 6.3.2). */
#define HMIP_FBACK_STATUS_ACCEPTED	0
#define HMIP_FBACK_STATUS_UNSPECIFIED	128
#define HMIP_FBACK_STATUS_PROHIBITED	129
#define HMIP_FBACK_STATUS_NCOA_INVALID	131

/* Binding Ack status codes (RFC 6275 section 6.1.8); below 128 accepted. */
#define HMIP_BA_STATUS_ACCEPTED		0
/* RFC 6275 section 6.1.8: accepted but prefix discovery necessary. */
#define HMIP_BA_STATUS_PREFIX_DISCOVERY	1
#define HMIP_BA_STATUS_REJECTED		128
#define HMIP_BA_STATUS_PROHIBITED	129
#define HMIP_BA_STATUS_NO_RESOURCES	130
#define HMIP_BA_STATUS_HOME_REG_UNSUPPORTED 131
#define HMIP_BA_STATUS_NOT_HOME_SUBNET	132
#define HMIP_BA_STATUS_NOT_HA		133
#define HMIP_BA_STATUS_DAD_FAILED	134
#define HMIP_BA_STATUS_SEQ_OUT_OF_WINDOW 135
#define HMIP_BA_STATUS_REG_TYPE_CHANGE	139

/* Binding Error status codes (RFC 6275 section 6.1.9). */
#define HMIP_BE_STATUS_NO_BINDING	1
#define HMIP_BE_STATUS_UNKNOWN_MH	2

/* Binding Update flags (RFC 6275 section 6.1.7; M: RFC 4140 section
 * 4.1). A local Binding Update to a MAP sets A and M, a home
 * registration A and H.
 */
#define HMIP_BU_FLAG_A	0x8000
#define HMIP_BU_FLAG_H	0x4000
#define HMIP_BU_FLAG_L	0x2000
#define HMIP_BU_FLAG_M	0x0800

/* Mobility option types (RFC 6275 section 6.2). */
#define HMIP_MH_OPT_PAD1	0
#define HMIP_MH_OPT_PADN	1
#define HMIP_MH_OPT_BRA		2
#define HMIP_MH_OPT_ALTCOA	3
/* Mobility Header Link-Layer Address and IPv6 Address/Prefix options
 * (RFC 5568 sections 6.4.4, 6.4.2), with their Option-Codes. The
 * Address/Prefix option's type is 34, as IANA assigned it (RFC 5568
 * section 11); 17, which section 6.4.2 prints, is the Neighbour
 * Discovery option's and, among mobility options, DNS-UPDATE-TYPE's
 * (RFC 5026): Wireshark decodes 34.
 */
#define HMIP_MH_OPT_LLA		7
#define HMIP_MH_LLA_CODE_MN	2
#define HMIP_MH_OPT_IPADDR	34
#define HMIP_MH_IPADDR_CODE_PCOA	1
#define HMIP_MH_IPADDR_CODE_NCOA	2
#define HMIP_MH_IPADDR_CODE_NAR		3

/* Binding Update, the fixed part (RFC 6275 section 6.1.7). */
struct hmip_mh_bu {
	struct ip6_mh	hdr;
	__be16		seq;
	__be16		flags;
	__be16		lifetime;	/* units of 4 seconds */
} __packed;

/* Binding Acknowledgment, the fixed part (RFC 6275 section 6.1.8). */
struct hmip_mh_ba {
	struct ip6_mh	hdr;
	__u8		status;
	__u8		flags;
	__be16		seq;
	__be16		lifetime;	/* units of 4 seconds */
} __packed;

/**
 * struct hmip_mh_opts - the mobility options of a message, found by
 *	hmip_mh_rcv_options()
 * @altcoa: the Alternate Care-of Address (a Binding Update's), or NULL
 * @bra: the data of the last Binding Refresh Advice (its 16-bit interval
 *	in units of 4 seconds), or NULL
 * @lla: the mobile node's link-layer address (a Link-Layer Address
 *	option of code 2, RFC 5568 6.4.4), or NULL
 * @lla_len: its length in octets
 * @pcoa: the IPv6 Address option of code 1 (previous CoA), or NULL
 * @ncoa: the IPv6 Address option of code 2 (new CoA), or NULL
 */
struct hmip_mh_opts {
	const u8 *altcoa;
	const u8 *bra;
	const u8 *lla;
	unsigned int lla_len;
	const u8 *pcoa;
	const u8 *ncoa;
};

/* Handover Initiate body, after the 6 octets of struct ip6_mh. */
struct hmip_mh_hi {
	struct ip6_mh	hdr;
	__be16		seq;
	__u8		flags;
	__u8		code;
} __packed;

/* Handover Acknowledge body, after the 6 octets of struct ip6_mh. */
struct hmip_mh_hack {
	struct ip6_mh	hdr;
	__be16		seq;
	__u8		reserved;
	__u8		code;
} __packed;

/* Mobility Header IPv6 Address/Prefix option (RFC 5568 6.4.2), aligned
 * 8n+4.
 */
struct hmip_mh_opt_ipaddr {
	__u8		type;
	__u8		len;
	__u8		code;
	__u8		plen;
	struct in6_addr	addr;
} __packed;

/* Binding Error body, after the 6 octets of struct ip6_mh. */
struct hmip_mh_be {
	struct ip6_mh	hdr;
	__u8		status;
	__u8		reserved;
	struct in6_addr	hoa;
} __packed;

/* The whole MH is a multiple of 8 octets; Header Len excludes the first 8. */
static inline unsigned int hmip_mh_len(const struct ip6_mh *mh)
{
	return (mh->ip6mh_hdrlen + 1) << 3;
}

/* A role's receive function for one MH Type: the message is valid (RFC
 * 6275 section 9.2) and counted; the skb stays the caller's.
 */
typedef void (*hmip_mh_rcv_t)(struct hmip_net *hn, struct sk_buff *skb);

bool hmip_mh_rcv_options(u8 type, const u8 *opt, unsigned int len,
			 struct hmip_mh_opts *o);

int hmip_mh_rcv_module_init(const hmip_mh_rcv_t *handlers);
void hmip_mh_rcv_module_exit(void);

int hmip_mh_send(struct hmip_net *hn, const struct in6_addr *saddr,
		 const struct in6_addr *daddr, const struct in6_addr *rh2_addr,
		 int oif, const struct ip6_mh *mh);
int hmip_mh_send_hao(struct hmip_net *hn, const struct in6_addr *coa,
		     const struct in6_addr *daddr, const struct in6_addr *hoa,
		     int oif, const struct ip6_mh *mh);
int hmip_mh_send_icmp_hao(struct hmip_net *hn, const struct in6_addr *coa,
			  const struct in6_addr *daddr,
			  const struct in6_addr *hoa, int oif,
			  const struct icmp6hdr *icmph, unsigned int len);
void hmip_mh_send_be(struct hmip_net *hn, struct sk_buff *skb, u8 status);

#endif /* _HMIP_MH_H */

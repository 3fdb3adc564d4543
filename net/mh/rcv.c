// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving the Mobility Header: validation as RFC 6275 section 9.2 orders
 * it, then dispatch by message type to the role that handles it, through
 * the table main.c hands over at module init.
 *
 * Packets reach this handler through the IPv6 protocol table
 * (IPPROTO_MH), after the kernel processed any Home Address option and
 * type 2 routing header: the IPv6 source is then the home address and the
 * destination the final one, which is what the checksum pseudo-header wants.
 * Documentation/design.rst explains the choice.
 */

#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/protocol.h>

#include "core/netns.h"
#include "mh/mh.h"

/* The roles' receive functions by message type; NULL for none. */
static const hmip_mh_rcv_t *hmip_mh_handlers __ro_after_init;

/* Shortest Header Len each type allows (RFC 6275 sections 6.1.2-6.1.9). */
static const u8 hmip_mh_min_hdrlen[HMIP_MH_TYPE_MAX + 1] = {
	[IP6_MH_TYPE_BRR]	= 0,
	[IP6_MH_TYPE_HOTI]	= 1,
	[IP6_MH_TYPE_COTI]	= 1,
	[IP6_MH_TYPE_HOT]	= 2,
	[IP6_MH_TYPE_COT]	= 2,
	[IP6_MH_TYPE_BU]	= 1,
	[IP6_MH_TYPE_BACK]	= 1,
	[IP6_MH_TYPE_BERROR]	= 2,
	[HMIP_MH_TYPE_FBU]	= 1,
	[HMIP_MH_TYPE_FBACK]	= 1,
	[HMIP_MH_TYPE_HI]	= 1,
	[HMIP_MH_TYPE_HACK]	= 1,
};

static const u16 hmip_mh_rx_mib[HMIP_MH_TYPE_MAX + 1] = {
	[IP6_MH_TYPE_BRR]	= HMIP_MIB_MH_RX_BRR,
	[IP6_MH_TYPE_HOTI]	= HMIP_MIB_MH_RX_HOTI,
	[IP6_MH_TYPE_COTI]	= HMIP_MIB_MH_RX_COTI,
	[IP6_MH_TYPE_HOT]	= HMIP_MIB_MH_RX_HOT,
	[IP6_MH_TYPE_COT]	= HMIP_MIB_MH_RX_COT,
	[IP6_MH_TYPE_BU]	= HMIP_MIB_MH_RX_BU,
	[IP6_MH_TYPE_BACK]	= HMIP_MIB_MH_RX_BA,
	[IP6_MH_TYPE_BERROR]	= HMIP_MIB_MH_RX_BE,
	[HMIP_MH_TYPE_FBU]	= HMIP_MIB_MH_RX_FBU,
	[HMIP_MH_TYPE_FBACK]	= HMIP_MIB_MH_RX_FBACK,
	[HMIP_MH_TYPE_HI]	= HMIP_MIB_MH_RX_HI,
	[HMIP_MH_TYPE_HACK]	= HMIP_MIB_MH_RX_HACK,
};

/* Where an ICMPv6 error about @skb goes: the source as it came, that is
 * the care-of address when the kernel swapped in a Home Address option
 * (icmp6_send() swaps it back).
 */
static const struct in6_addr *hmip_mh_error_dst(struct sk_buff *skb)
{
	const struct inet6_skb_parm *parm = IP6CB(skb);
	const struct ipv6_destopt_hao *hao;
	int off;

	if (parm->dsthao) {
		off = ipv6_find_tlv(skb, parm->dsthao, IPV6_TLV_HAO);
		if (off >= 0) {
			hao = (const struct ipv6_destopt_hao *)
				(skb_network_header(skb) + off);
			return &hao->addr;
		}
	}
	return &ipv6_hdr(skb)->saddr;
}

/* Parameter Problem, code 0, pointing at @field of the Mobility Header.
 * Like every answer hmip sends, it takes a token from the sender's bucket
 * first (ratelimit.c); the kernel's own ICMPv6 limit applies after.
 */
static void hmip_mh_param_prob(struct hmip_net *hn, struct sk_buff *skb,
			       unsigned int field)
{
	if (!hmip_ratelimit_icmp_allow(hn, hmip_mh_error_dst(skb)))
		return;
	HMIP_INC_STATS(hn, ICMP_TX_PARAM_PROBLEM);
	icmpv6_send(skb, ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD,
		    skb_network_header_len(skb) + field);
}

static int hmip_mh_rcv(struct sk_buff *skb)
{
	struct hmip_net *hn = hmip_net(dev_net(skb->dev));
	const struct ip6_mh *mh;
	unsigned int len;

	HMIP_INC_STATS(hn, MH_RX);

	/* The shortest Mobility Header is 8 octets. */
	if (!pskb_may_pull(skb, 8)) {
		HMIP_INC_STATS(hn, MH_DROP_TRUNCATED);
		goto drop;
	}
	mh = (const struct ip6_mh *)skb_transport_header(skb);
	len = hmip_mh_len(mh);
	if (skb->len < len) {
		HMIP_INC_STATS(hn, MH_DROP_TRUNCATED);
		goto drop;
	}
	/* Payload Proto is 59: octets past the header are ignored. */
	if (pskb_trim_rcsum(skb, len) || !pskb_may_pull(skb, len)) {
		HMIP_INC_STATS(hn, MH_DROP_NOMEM);
		goto drop;
	}

	if (skb_checksum_validate(skb, IPPROTO_MH, ip6_compute_pseudo)) {
		HMIP_INC_STATS(hn, MH_DROP_BAD_CHECKSUM);
		goto drop;
	}

	mh = (const struct ip6_mh *)skb_transport_header(skb);
	if (mh->ip6mh_proto != IPPROTO_NONE) {
		HMIP_INC_STATS(hn, MH_DROP_BAD_PAYLOAD_PROTO);
		hmip_mh_param_prob(hn, skb,
				   offsetof(struct ip6_mh, ip6mh_proto));
		goto drop;
	}

	/* A gap in the table (10 to 13) is a type this node does not know. */
	if (mh->ip6mh_type > HMIP_MH_TYPE_MAX ||
	    !hmip_mh_rx_mib[mh->ip6mh_type]) {
		HMIP_INC_STATS(hn, MH_RX_UNKNOWN_TYPE);
		hmip_mh_send_be(hn, skb, HMIP_BE_STATUS_UNKNOWN_MH);
		goto drop;
	}

	if (mh->ip6mh_hdrlen < hmip_mh_min_hdrlen[mh->ip6mh_type]) {
		HMIP_INC_STATS(hn, MH_DROP_BAD_HEADER_LEN);
		hmip_mh_param_prob(hn, skb,
				   offsetof(struct ip6_mh, ip6mh_hdrlen));
		goto drop;
	}

	SNMP_INC_STATS(hn->mib, hmip_mh_rx_mib[mh->ip6mh_type]);

	if (!hmip_mh_handlers[mh->ip6mh_type]) {
		/* No role on this node handles the type. */
		HMIP_INC_STATS(hn, MH_DROP_UNHANDLED);
		goto drop;
	}
	hmip_mh_handlers[mh->ip6mh_type](hn, skb);
	consume_skb(skb);
	return 0;

drop:
	kfree_skb(skb);
	return 0;
}

/**
 * hmip_mh_rcv_options - walk the mobility options of a message
 * @type: its MH Type
 * @opt: the first option, after the message's fixed part
 * @len: octets from there to the end of the message
 * @o: what the options carry
 *
 * The options must tile the rest of the message exactly (RFC 6275
 * section 6.2). A Binding Refresh Advice must have its own length; in a
 * (Fast) Binding Update, so must the Alternate Care-of Address, which decides
 * where the binding points, and it may come once. So may the mobile node's
 * Link-Layer Address, and in a Handover Initiate or Acknowledge the IPv6
 * Address options for the previous and the new CoA, each of its own length.
 * Unknown options, and options a type does not use, are skipped.
 *
 * Return: false for a malformed list.
 */
bool hmip_mh_rcv_options(u8 type, const u8 *opt, unsigned int len,
			 struct hmip_mh_opts *o)
{
	unsigned int olen;

	memset(o, 0, sizeof(*o));
	while (len) {
		if (opt[0] == HMIP_MH_OPT_PAD1) {
			opt++;
			len--;
			continue;
		}
		if (len < 2)
			return false;
		olen = 2 + opt[1];
		if (olen > len)
			return false;
		switch (opt[0]) {
		case HMIP_MH_OPT_BRA:
			if (opt[1] != 2)
				return false;
			o->bra = opt + 2;
			break;
		case HMIP_MH_OPT_ALTCOA:
			if (type != IP6_MH_TYPE_BU && type != HMIP_MH_TYPE_FBU)
				break;
			if (opt[1] != sizeof(struct in6_addr) || o->altcoa)
				return false;
			o->altcoa = opt + 2;
			break;
		case HMIP_MH_OPT_LLA:
			/* Only the mobile node's address (code 2) is used. */
			if (opt[1] < 2 || opt[2] != HMIP_MH_LLA_CODE_MN)
				break;
			if (o->lla)
				return false;
			o->lla = opt + 3;
			o->lla_len = opt[1] - 1;
			break;
		case HMIP_MH_OPT_IPADDR:
			if (type != HMIP_MH_TYPE_HI && type != HMIP_MH_TYPE_HACK)
				break;
			if (opt[1] != 2 + sizeof(struct in6_addr))
				return false;
			if (opt[2] == HMIP_MH_IPADDR_CODE_PCOA) {
				if (o->pcoa)
					return false;
				o->pcoa = opt + 4;
			} else if (opt[2] == HMIP_MH_IPADDR_CODE_NCOA) {
				if (o->ncoa)
					return false;
				o->ncoa = opt + 4;
			}
			break;
		}
		opt += olen;
		len -= olen;
	}
	return true;
}

static const struct inet6_protocol hmip_mh_protocol = {
	.handler = hmip_mh_rcv,
	/* Messages may carry a Home Address option, for which the kernel
	 * adds a route optimization state to the secpath; the generic
	 * policy check would refuse that, so each message type applies
	 * its own (IPsec for binding updates).
	 */
	.flags = INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};

/**
 * hmip_mh_rcv_module_init - take the Mobility Header protocol
 * @handlers: the roles' receive functions, %HMIP_MH_TYPE_MAX + 1 of them
 *	indexed by MH Type; NULL for a type no role handles
 *
 * Return: 0, or -EBUSY when another handler owns the protocol.
 */
int hmip_mh_rcv_module_init(const hmip_mh_rcv_t *handlers)
{
	hmip_mh_handlers = handlers;
	if (inet6_add_protocol(&hmip_mh_protocol, IPPROTO_MH)) {
		pr_err("another handler owns the Mobility Header protocol\n");
		return -EBUSY;
	}
	return 0;
}

void hmip_mh_rcv_module_exit(void)
{
	/* Also waits for handlers still running on other CPUs. */
	inet6_del_protocol(&hmip_mh_protocol, IPPROTO_MH);
}
